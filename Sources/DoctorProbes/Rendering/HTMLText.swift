/// Escaping and the page shell shared by the HTML renderers: one self-contained page, inline
/// CSS, no script, no external asset.
enum HTMLText {
    /// Escapes text for an HTML element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A complete page: `<!doctype html>`, a title, the shared style sheet and `body`.
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A two-column table of name/value rows; empty values are left out.
    static func facts(_ rows: [(String, String?)]) -> String {
        var out = "<table class=\"facts\">\n"
        for (name, value) in rows {
            guard let value, !value.isEmpty else { continue }
            out += "<tr><th>\(escape(name))</th><td>\(escape(value))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// A status pill (`pass`, `warn`, `fail`, `skip`, `ok`, `problem`…).
    static func badge(_ text: String) -> String {
        "<span class=\"badge \(escape(text))\">\(escape(text))</span>"
    }

    static let styleSheet = """
        :root { color-scheme: light; --fg:#1d2329; --muted:#5f6b76; --line:#d8dee4; --bg:#ffffff; --soft:#f5f7f9; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
               background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 24px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .meta { color: var(--muted); margin-bottom: 12px; }
        code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; }
        th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
        table.facts th { width: 210px; color: var(--muted); font-weight: 600; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
                 background: #e6e9ec; color: #33404c; }
        .badge.pass, .badge.ok, .badge.fixed { background: #dcf5e3; color: #176a32; }
        .badge.warn { background: #fff3cd; color: #7a5a00; }
        .badge.fail, .badge.problem, .badge.still_failing, .badge.new_failure { background: #fde2e1; color: #9b1c1c; }
        .diagnosis { border: 1px solid var(--line); border-left: 4px solid #c0392b; padding: 8px 14px; background: var(--soft); }
        .diagnosis.ok { border-left-color: #2e8b57; }
        ol.fixes li { margin: 3px 0; }
        .wf { width: 100%; }
        .wf-row { display: grid; grid-template-columns: 260px 1fr 70px; gap: 8px; align-items: center; padding: 3px 0;
                  border-bottom: 1px solid var(--soft); }
        .wf-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .wf-track { position: relative; height: 16px; background: var(--soft); border-radius: 3px; }
        .wf-bar { position: absolute; top: 2px; height: 12px; }
        .wf-seg { position: absolute; top: 0; height: 12px; min-width: 1px; }
        .wf-total { text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
        .ph-dns { background: #6c8ebf; } .ph-connect { background: #e39d3c; } .ph-proxy { background: #a569bd; }
        .ph-tls { background: #4aa39b; } .ph-first_byte { background: #5d9c41; } .ph-body { background: #b3b3b3; }
        .ph-failed { background: #c0392b; }
        .legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
        .axis { display: grid; grid-template-columns: 260px 1fr 70px; gap: 8px; color: var(--muted); font-size: 12px; }
        .axis div:nth-child(2) { display: flex; justify-content: space-between; }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        """
}
