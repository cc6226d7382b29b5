// Generated from docs/data (public captures; footer IPs are documentation addresses).
// The bodies are verbatim: do not reformat them.

/// Real HTML pages that edges, proxies and gateways answer with, byte for byte.
public enum EdgePages {
    /// Cloudflare's WAF block page ("Attention Required! | Cloudflare", "Sorry, you have been blocked"), captured 2023 (Ray 7c432f92bffa2596); served with status 403.
    public static let cloudflareWAFBlock: String = ##"""
        <!DOCTYPE html>
        <!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
        <!--[if IE 7]>    <html class="no-js ie7 oldie" lang="en-US"> <![endif]-->
        <!--[if IE 8]>    <html class="no-js ie8 oldie" lang="en-US"> <![endif]-->
        <!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
        <head>
        <title>Attention Required! | Cloudflare</title>
        <meta charset="UTF-8" />
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta http-equiv="X-UA-Compatible" content="IE=Edge" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/cf.errors.css" />
        <!--[if lt IE 9]><link rel="stylesheet" id='cf_styles-ie-css' href="/cdn-cgi/styles/cf.errors.ie.css" /><![endif]-->
        <style>body{margin:0;padding:0}</style>
        <!--[if gte IE 10]><!-->
        <script>
          if (!navigator.cookieEnabled) {
            window.addEventListener('DOMContentLoaded', function () {
              var cookieEl = document.getElementById('cookie-alert');
              cookieEl.style.display = 'block';
            })
          }
        </script>
        <!--<![endif]-->
        </head>
        <body>
          <div id="cf-wrapper">
            <div class="cf-alert cf-alert-error cf-cookie-error" id="cookie-alert" data-translate="enable_cookies">Please enable cookies.</div>
            <div id="cf-error-details" class="cf-error-details-wrapper">
              <div class="cf-wrapper cf-header cf-error-overview">
                <h1 data-translate="block_headline">Sorry, you have been blocked</h1>
                <h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> zrobank.biz</h2>
              </div><!-- /.header -->
              <div class="cf-section cf-highlight">
                <div class="cf-wrapper">
                  <div class="cf-screenshot-container cf-screenshot-full">
                    
                      <span class="cf-no-screenshot error"></span>
                    
                  </div>
                </div>
              </div><!-- /.captcha-container -->
              <div class="cf-section cf-wrapper">
                <div class="cf-columns two">
                  <div class="cf-column">
                    <h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>
                    <p data-translate="blocked_why_detail">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution. There are several actions that could trigger this block including submitting a certain word or phrase, a SQL command or malformed data.</p>
                  </div>
                  <div class="cf-column">
                    <h2 data-translate="blocked_resolve_headline">What can I do to resolve this?</h2>
                    <p data-translate="blocked_resolve_detail">You can email the site owner to let them know you were blocked. Please include what you were doing when this page came up and the Cloudflare Ray ID found at the bottom of this page.</p>
                  </div>
                </div>
              </div><!-- /.section -->
              <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
          <p class="text-13">
            <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">7c432f92bffa2596</strong></span>
            <span class="cf-footer-separator sm:hidden">&bull;</span>
            <span id="cf-footer-item-ip" class="cf-footer-item hidden sm:block sm:mb-1">
              Your IP:
              <button type="button" id="cf-footer-ip-reveal" class="cf-footer-ip-reveal-btn">Click to reveal</button>
              <span class="hidden" id="cf-footer-ip">192.0.2.34</span>
              <span class="cf-footer-separator sm:hidden">&bull;</span>
            </span>
            <span class="cf-footer-item sm:block sm:mb-1"><span>Performance &amp; security by</span> <a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing" id="brand_link" target="_blank">Cloudflare</a></span>
            
          </p>
          <script>(function(){function d(){var b=a.getElementById("cf-footer-item-ip"),c=a.getElementById("cf-footer-ip-reveal");b&&"classList"in b&&(b.classList.remove("hidden"),c.addEventListener("click",function(){c.classList.add("hidden");a.getElementById("cf-footer-ip").classList.remove("hidden")}))}var a=document;document.addEventListener&&a.addEventListener("DOMContentLoaded",d)})();</script>
        </div><!-- /.error-footer -->
            </div><!-- /#cf-error-details -->
          </div><!-- /#cf-wrapper -->
          <script>
          window._cf_translation = {};
          
          
        </script>
        </body>
        </html>

        """##

    /// Cloudflare's new-template 5xx page "521: Web server is down", captured 2026-09-01 from another zone; served with status 521.
    public static let cloudflare521: String = ##"""
        <!DOCTYPE html>
        <!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
        <!--[if IE 7]>    <html class="no-js ie7 oldie" lang="en-US"> <![endif]-->
        <!--[if IE 8]>    <html class="no-js ie8 oldie" lang="en-US"> <![endif]-->
        <!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
        <head>

        <title>llamarpc.com | 521: Web server is down</title>
        <meta charset="UTF-8" />
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta http-equiv="X-UA-Compatible" content="IE=Edge" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="stylesheet" id="cf_styles-css" href="/cdn-cgi/styles/main.css" />
        </head>
        <body>
        <div id="cf-wrapper">
            <div id="cf-error-details" class="p-0">
                <header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
                    <h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
                        <span class="inline-block">Web server is down</span>
                        <span class="code-label">Error code 521</span>
                    </h1>
                    <div>
                        Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_521&utm_campaign=eth.llamarpc.com" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.
                    </div>
                    <div class="mt-3">2026-09-01 17:28:34 UTC</div>
                </header>
                <div class="my-8 bg-gradient-gray">
                    <div class="w-240 lg:w-full mx-auto">
                        <div class="clearfix md:px-8">
                            <div id="cf-browser-status" class=" relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">
          <div class="relative mb-10 md:m-0">
            
            <span class="cf-icon-browser block md:hidden h-20 bg-center bg-no-repeat"></span>
            <span class="cf-icon-ok w-12 h-12 absolute left-1/2 md:left-auto md:right-0 md:top-0 -ml-6 -bottom-4"></span>
            
          </div>
          <span class="md:block w-full truncate">You</span>
          <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">
          
            Browser
          
          </h3>
          
          <span class="leading-1.3 text-2xl text-green-success">Working</span>
          
        </div>
                            <div id="cf-cloudflare-status" class=" relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">
          <div class="relative mb-10 md:m-0">
            <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_521&#38;utm_campaign=eth.llamarpc.com" target="_blank" rel="noopener noreferrer">
            <span class="cf-icon-cloud block md:hidden h-20 bg-center bg-no-repeat"></span>
            <span class="cf-icon-ok w-12 h-12 absolute left-1/2 md:left-auto md:right-0 md:top-0 -ml-6 -bottom-4"></span>
            </a>
          </div>
          <span class="md:block w-full truncate">São Paulo</span>
          <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">
          <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_521&utm_campaign=eth.llamarpc.com" target="_blank" rel="noopener noreferrer">
            Cloudflare
          </a>
          </h3>
          
          <span class="leading-1.3 text-2xl text-green-success">Working</span>
          
        </div>
                            <div id="cf-host-status" class="cf-error-source relative w-1/3 md:w-full py-15 md:p-0 md:py-8 md:text-left md:border-solid md:border-0 md:border-b md:border-gray-400 overflow-hidden float-left md:float-none text-center">
          <div class="relative mb-10 md:m-0">
            
            <span class="cf-icon-server block md:hidden h-20 bg-center bg-no-repeat"></span>
            <span class="cf-icon-error w-12 h-12 absolute left-1/2 md:left-auto md:right-0 md:top-0 -ml-6 -bottom-4"></span>
            
          </div>
          <span class="md:block w-full truncate">eth.llamarpc.com</span>
          <h3 class="md:inline-block mt-3 md:mt-0 text-2xl text-gray-600 font-light leading-1.3">
          
            Host
          
          </h3>
          
          <span class="leading-1.3 text-2xl text-red-error">Error</span>
          
        </div>
                        </div>
                    </div>
                </div>

                <div class="w-240 lg:w-full mx-auto mb-8 lg:px-8">
                    <div class="clearfix">
                        <div class="w-1/2 md:w-full float-left pr-6 md:pb-10 md:pr-0 leading-relaxed">
                            <h2 class="text-3xl font-normal leading-1.3 mb-4">What happened?</h2>
                            <p>The web server is not returning a connection. As a result, the web page is not displaying.</p>
                        </div>
                        <div class="w-1/2 md:w-full float-left leading-relaxed">
                            <h2 class="text-3xl font-normal leading-1.3 mb-4">What can I do?</h2>
                            
                        <h3 class="text-15 font-semibold mb-2">If you are a visitor of this website:</h3>
                        <p class="mb-6">Please try again in a few minutes.</p>

                        <h3 class="text-15 font-semibold mb-2">If you are the owner of this website:</h3>
                        <p><span>Contact your hosting provider letting them know your web server is not responding.</span> <a rel="noopener noreferrer" href="https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-521/">Additional troubleshooting information</a>.</p>
                        </div>
                    </div>
                </div>

                <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
            <p class="text-13">
              <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">a345fe00f83b4a13</strong></span>
              <span class="cf-footer-separator sm:hidden">&bull;</span>
              <span id="cf-footer-item-ip" class="cf-footer-item hidden sm:block sm:mb-1">
                Your IP:
                <button type="button" id="cf-footer-ip-reveal" class="cf-footer-ip-reveal-btn">Click to reveal</button>
                <span class="hidden" id="cf-footer-ip">198.51.100.123</span>
                <span class="cf-footer-separator sm:hidden">&bull;</span>
              </span>
              <span class="cf-footer-item sm:block sm:mb-1"><span>Performance &amp; security by</span> <a rel="noopener noreferrer" href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_521&#38;utm_campaign=eth.llamarpc.com" id="brand_link" target="_blank">Cloudflare</a></span>
              
            </p>
            <script>(function(){function d(){var b=a.getElementById("cf-footer-item-ip"),c=a.getElementById("cf-footer-ip-reveal");b&&"classList"in b&&(b.classList.remove("hidden"),c.addEventListener("click",function(){c.classList.add("hidden");a.getElementById("cf-footer-ip").classList.remove("hidden")}))}var a=document;document.addEventListener&&a.addEventListener("DOMContentLoaded",d)})();</script>
          </div><!-- /.error-footer -->

            </div>
        </div>
        </body>
        </html>

        """##

    /// The nginx/openresty page a relay's gateway answers after its upstream timeout (status 504).
    public static let openresty504: String =
        "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
        + "<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n"

    /// Squid's `ERR_ACCESS_DENIED` page (status 403), after Squid's English error template.
    ///
    /// No capture of the whole page is stored in data/; this keeps the template's markers
    /// (title, `id="ERR_ACCESS_DENIED"`, the "Access control configuration" sentence, footer).
    public static let squidAccessDenied: String = squidPage(
        id: "ERR_ACCESS_DENIED",
        summary: "<p><b>Access Denied.</b></p>",
        detail: "<p>Access control configuration prevents your request from being allowed at this time. "
            + "Please contact your service provider if you feel this is incorrect.</p>"
    )

    /// Squid's `ERR_CACHE_ACCESS_DENIED` page (status 407), after Squid's English error template.
    public static let squidCacheAccessDenied: String = squidPage(
        id: "ERR_CACHE_ACCESS_DENIED",
        summary: "<p><b>Cache Access Denied.</b></p>",
        detail: "<p>Sorry, you are not currently allowed to request https://api.openai.com/* from this cache "
            + "until you have authenticated yourself.</p>"
    )

    private static func squidPage(id: String, summary: String, detail: String) -> String {
        """
        <!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
        <html><head>
        <meta type="copyright" content="Copyright (C) 1996-2021 The Squid Software Foundation and contributors">
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>ERROR: The requested URL could not be retrieved</title>
        </head><body id=\(id)>
        <div id="titles">
        <h1>ERROR</h1>
        <h2>The requested URL could not be retrieved</h2>
        </div>
        <hr>

        <div id="content">
        <p>The following error was encountered while trying to retrieve the URL: <a href="https://api.openai.com/*">https://api.openai.com/*</a></p>

        <blockquote id="error">
        \(summary)
        </blockquote>

        \(detail)

        <p>Your cache administrator is <a href="mailto:root">root</a>.</p>
        <br>
        </div>

        <hr>
        <div id="footer">
        <p>Generated by proxy (squid/5.2)</p>
        <!-- \(id) -->
        </div>
        </body></html>

        """
    }
}
