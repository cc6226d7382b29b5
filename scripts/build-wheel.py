#!/usr/bin/env python3
"""Writes the platform wheel of openai-doctor with the standard library alone (no build backend).

    scripts/build-wheel.py --version V --binary PATH --mcp PATH --output-dir DIR [--plat linux_x86_64]

The wheel holds packaging/python/openai_doctor (``diagnose``, the console-script launchers,
``python -m openai_doctor``) and both executables as openai_doctor/bin/openai-doctor and
openai_doctor/bin/openai-doctor-mcp, with the console scripts ``openai-doctor`` and
``openai-doctor-mcp``. Its tag is ``py3-none-PLAT``: scripts/package.sh writes it as
``linux_<arch>`` and ``auditwheel repair`` gives it the manylinux tag the binaries really need.
Entries are sorted and dated SOURCE_DATE_EPOCH, so the same inputs give the same bytes.
Prints the wheel's path.
"""

import argparse
import base64
import hashlib
import os
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "packaging", "python")


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True)
    parser.add_argument("--binary", required=True, help="the openai-doctor executable")
    parser.add_argument("--mcp", required=True, help="the openai-doctor-mcp executable")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--plat", default=f"linux_{os.uname().machine}")
    options = parser.parse_args()

    version = options.version
    dist_info = f"openai_doctor-{version}.dist-info"
    tag = f"py3-none-{options.plat}"
    entries = {}  # path in the wheel -> (bytes, executable)

    package = os.path.join(SOURCE, "openai_doctor")
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            with open(os.path.join(package, name), "rb") as file:
                entries[f"openai_doctor/{name}"] = (file.read(), False)
    for name, path in (("openai-doctor", options.binary), ("openai-doctor-mcp", options.mcp)):
        with open(path, "rb") as file:
            entries[f"openai_doctor/bin/{name}"] = (file.read(), True)

    with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as file:
        readme = file.read()
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            "Name: openai-doctor",
            f"Version: {version}",
            "Summary: Tells you why your OpenAI API calls fail: which layer refused, and what to do.",
            "Keywords: openai,diagnostics,403,429,proxy,tls,mcp",
            "Classifier: Environment :: Console",
            "Classifier: Operating System :: POSIX :: Linux",
            "Classifier: Programming Language :: Python :: 3",
            "Requires-Python: >=3.8",
            "Description-Content-Type: text/markdown",
            "",
            readme,
        ]
    )
    wheel = "\n".join(
        [
            "Wheel-Version: 1.0",
            "Generator: openai-doctor scripts/build-wheel.py",
            "Root-Is-Purelib: false",
            f"Tag: {tag}",
            "",
        ]
    )
    entry_points = "\n".join(
        [
            "[console_scripts]",
            "openai-doctor = openai_doctor._binary:main",
            "openai-doctor-mcp = openai_doctor._binary:main_mcp",
            "",
        ]
    )
    entries[f"{dist_info}/METADATA"] = (metadata.encode(), False)
    entries[f"{dist_info}/WHEEL"] = (wheel.encode(), False)
    entries[f"{dist_info}/entry_points.txt"] = (entry_points.encode(), False)
    entries[f"{dist_info}/top_level.txt"] = (b"openai_doctor\n", False)

    record_path = f"{dist_info}/RECORD"
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, (data, _) in sorted(entries.items()))
    record += f"{record_path},,\n"
    entries[record_path] = (record.encode(), False)

    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())), 315532800)
    date = time.gmtime(epoch)[:6]
    os.makedirs(options.output_dir, exist_ok=True)
    output = os.path.join(options.output_dir, f"openai_doctor-{version}-{tag}.whl")
    # RECORD last, as the wheel specification recommends; the rest sorted.
    order = sorted(path for path in entries if path != record_path) + [record_path]
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in order:
            data, executable = entries[path]
            info = zipfile.ZipInfo(path, date_time=date)
            info.external_attr = ((0o100755 if executable else 0o100644) & 0xFFFF) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    print(output)


if __name__ == "__main__":
    main()
