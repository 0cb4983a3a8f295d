package proof

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// expectedHeaders are set on every response, public or private.
var expectedHeaders = map[string]string{
	"X-Content-Type-Options":       "nosniff",
	"X-Frame-Options":              "DENY",
	"Referrer-Policy":              "no-referrer",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
}

// cspMust are the directives the strict CSP always carries.
var cspMust = []string{"default-src 'none'", "script-src 'self' 'nonce-", "style-src 'self'", "frame-ancestors 'none'",
	"base-uri 'none'", "form-action 'self'"}

var cspNonceRE = regexp.MustCompile(`'nonce-([A-Za-z0-9_+/=-]{16,})'`)

// Cacheable reports whether a path may be cached: the versioned static
// files, and the service worker and manifest, which hold nothing personal
// and which browsers revalidate (no-cache), and the public crisis lines
// (cached for an hour). Everything else, page or API, is no-store.
func Cacheable(path string) bool {
	return strings.HasPrefix(path, "/static/") || path == "/favicon.ico" || path == "/sw.js" || path == "/manifest.webmanifest" ||
		strings.HasPrefix(path, "/api/v1/crisis-lines")
}

// CheckHeaders returns what is wrong with a response's headers: the
// security headers every response carries, a strict CSP with a nonce and
// no third-party source, no-store on anything not static, and cookies
// that are HttpOnly, Secure and SameSite. For an HTML body it also checks
// that every script carries this response's nonce.
func CheckHeaders(path string, h http.Header, body []byte) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(path+": "+format, args...)) }
	for k, want := range expectedHeaders {
		if got := h.Get(k); got != want {
			bad("%s = %q, want %q", k, got, want)
		}
	}
	if h.Get("Permissions-Policy") == "" {
		bad("no Permissions-Policy")
	}
	csp := h.Get("Content-Security-Policy")
	for _, d := range cspMust {
		if !strings.Contains(csp, d) {
			bad("CSP lacks %q: %q", d, csp)
		}
	}
	for _, forbidden := range []string{"unsafe-", "*", "http:", "https:"} {
		if strings.Contains(csp, forbidden) {
			bad("CSP allows %q: %q", forbidden, csp)
		}
	}
	cc := h.Get("Cache-Control")
	if Cacheable(path) {
		if cc != "no-cache" && !strings.Contains(cc, "immutable") && !strings.HasPrefix(cc, "public, max-age=") && h.Get("Location") == "" {
			bad("static Cache-Control %q", cc)
		}
	} else if cc != "no-store" {
		bad("Cache-Control = %q, want no-store", cc)
	}
	for _, line := range h.Values("Set-Cookie") {
		l := strings.ToLower(line)
		for _, attr := range []string{"httponly", "secure", "samesite=", "path=/"} {
			if !strings.Contains(l, attr) {
				bad("cookie without %s: %s", attr, strings.SplitN(line, "=", 2)[0])
			}
		}
		if strings.HasPrefix(line, "sb=") || strings.Contains(l, "domain=") {
			bad("session cookie without the __Host- prefix or with a Domain: %s", strings.SplitN(line, ";", 2)[0])
		}
	}
	if strings.HasPrefix(h.Get("Content-Type"), "text/html") && len(body) > 0 {
		m := cspNonceRE.FindStringSubmatch(csp)
		if m == nil {
			bad("HTML without a CSP nonce")
		} else {
			for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(string(body), -1) {
				// A JSON data block is never run, and CSP does not govern it.
				if strings.Contains(tag, `type="application/json"`) {
					continue
				}
				if !strings.Contains(tag, `nonce="`+m[1]+`"`) {
					bad("a script without this response's nonce: %s", tag)
				}
			}
		}
		if regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`).Match(body) {
			bad("an inline event handler (on…=) in the HTML")
		}
		// Links to other sites (crisis lines) are fine; loading from them is not.
		if regexp.MustCompile(`(?i)(\ssrc|\saction|<link[^>]*\shref)\s*=\s*"(https?:)?//`).Match(body) {
			bad("the HTML loads from, or posts to, another host")
		}
	}
	return out
}
