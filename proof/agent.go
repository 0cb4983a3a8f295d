package proof

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/securebase/securebase/crypt"
)

// SessionCookie is the name of the session cookie (without
// -insecure-cookies).
const SessionCookie = "__Host-sb"

// Request is one HTTP request an agent sends.
type Request struct {
	Method      string
	Path        string // with any query
	ContentType string
	Body        []byte
	Header      http.Header
}

// Get is a GET of path.
func Get(path string) Request { return Request{Method: http.MethodGet, Path: path} }

// Form is a request with a URL-encoded form body.
func Form(method, path string, v url.Values) Request {
	return Request{Method: method, Path: path, ContentType: "application/x-www-form-urlencoded", Body: []byte(v.Encode())}
}

// JSON is a request with v as its JSON body.
func JSON(method, path string, v any) Request {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // a test's own literal; cannot fail for the types used here
	}
	return Request{Method: method, Path: path, ContentType: "application/json", Body: b}
}

// Response is what came back.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *Response) String() string { return string(r.Body) }

// Agent is one browser or API client: it keeps cookies by name (Secure
// ones too, as a browser on localhost does) and sends a bearer token when
// it has one. It sends each request with its transport alone, so it never
// follows (or even parses) a redirect: tests see the Location header
// exactly as a browser would get it.
type Agent struct {
	HTTP    http.RoundTripper
	Base    string // scheme and host, no trailing slash
	Cookies map[string]string
	Token   string      // sent as Authorization: Bearer when set
	Header  http.Header // sent with every request
	User    Credentials
}

// Credentials are what a person typed and was given at sign-up.
type Credentials struct {
	Name, Password, RecoveryKey string
}

// NewAgent returns an agent for the server at base.
func NewAgent(client http.RoundTripper, base string) *Agent {
	return &Agent{HTTP: client, Base: strings.TrimSuffix(base, "/"), Cookies: map[string]string{}, Header: http.Header{}}
}

// loopback is shared by every agent of a real server, so connections
// are kept alive and reused as a browser would.
var loopback = &http.Transport{MaxIdleConnsPerHost: 64, ResponseHeaderTimeout: 30 * time.Second}

// Loopback is the transport for a real server over loopback.
func Loopback() http.RoundTripper { return loopback }

// InProcess is a transport whose requests are served by h directly,
// without a socket; requests come from remote unless they carry
// X-Forwarded-For and the server trusts it.
func InProcess(h http.Handler, remote string) http.RoundTripper {
	return handlerTransport{h: h, remote: remote}
}

type handlerTransport struct {
	h      http.Handler
	remote string
}

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.RemoteAddr = t.remote
	r.RequestURI = r.URL.RequestURI()
	if r.Body == nil {
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	res := rec.Result()
	res.Request = r
	return res, nil
}

// Clone returns an agent for the same person with its own copy of the
// cookies: a second tab that can diverge.
func (a *Agent) Clone() *Agent {
	b := *a
	b.Cookies = make(map[string]string, len(a.Cookies))
	for k, v := range a.Cookies {
		b.Cookies[k] = v
	}
	b.Header = a.Header.Clone()
	return &b
}

// Stranger returns an agent on the same server with no cookies, token or
// identity.
func (a *Agent) Stranger() *Agent { return NewAgent(a.HTTP, a.Base) }

// WithToken returns an API client for the same person that sends only
// the token, no cookies.
func (a *Agent) WithToken(token string) *Agent {
	b := a.Stranger()
	b.Token, b.User = token, a.User
	return b
}

// Session is the current session cookie's value, or "".
func (a *Agent) Session() string { return a.Cookies[SessionCookie] }

// SessionID is the id the settings page shows for a session or token
// secret: hex of the SHA-256 the database keeps.
func SessionID(secret string) string {
	s, ok := crypt.ParseSecret(secret)
	if !ok {
		return ""
	}
	return hex.EncodeToString(s.ID())
}

// Do sends r and reads the whole response.
func (a *Agent) Do(r Request) (*Response, error) {
	var body io.Reader = http.NoBody
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, a.Base+r.Path, body)
	if err != nil {
		return nil, err
	}
	for k, v := range a.Header {
		req.Header[k] = v
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	if r.ContentType != "" {
		req.Header.Set("Content-Type", r.ContentType)
	}
	for name, value := range a.Cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value}) // #nosec G124 -- a cookie sent by a client; attributes are for Set-Cookie
	}
	if a.Token != "" {
		req.Header.Set("Authorization", "Bearer "+a.Token)
	}
	res, err := a.HTTP.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	for _, c := range res.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(a.Cookies, c.Name)
		} else {
			a.Cookies[c.Name] = c.Value
		}
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: b}, nil
}

// ForeignRedirect reports whether a Location header would take a browser
// to another site. Browsers drop tabs and newlines from URLs and read a
// backslash as a slash, so "/\t/evil.example" is "//evil.example" to them.
func ForeignRedirect(location string) bool {
	loc := strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, strings.TrimLeft(location, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	if loc == "" {
		return false
	}
	u, err := url.Parse(loc)
	return err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(loc, "//")
}

// Must is Do for requests that must succeed with one of the given
// statuses.
func (a *Agent) Must(r Request, statuses ...int) (*Response, error) {
	res, err := a.Do(r)
	if err != nil {
		return nil, err
	}
	for _, s := range statuses {
		if res.Status == s {
			return res, nil
		}
	}
	return res, fmt.Errorf("%s %s: status %d, want %v\n%s", r.Method, r.Path, res.Status, statuses, clip(res.Body))
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

var recoveryKeyRE = regexp.MustCompile(`[0-9A-Z]{4}(-[0-9A-Z]{4}){7}`)

// SignUp creates an account through the sign-up form and keeps its
// session cookie and recovery key.
func (a *Agent) SignUp(name, password string) error {
	res, err := a.Must(Form("POST", "/signup", url.Values{"username": {name}, "password": {password}}), http.StatusOK)
	if err != nil {
		return err
	}
	key := recoveryKeyRE.FindString(res.String())
	if key == "" || a.Session() == "" {
		return errors.New("sign up: no recovery key or no session cookie")
	}
	a.User = Credentials{Name: name, Password: password, RecoveryKey: key}
	return nil
}

// SignIn signs in through the form and keeps the new session cookie.
func (a *Agent) SignIn(name, password string) error {
	if _, err := a.Must(Form("POST", "/signin", url.Values{"username": {name}, "password": {password}}), http.StatusSeeOther); err != nil {
		return err
	}
	a.User.Name, a.User.Password = name, password
	return nil
}

var tokenRE = regexp.MustCompile(crypt.TokenPrefix + `[A-Za-z0-9_-]{43}`)

// NewToken makes a personal access token named label in settings.
func (a *Agent) NewToken(label string) (string, error) {
	res, err := a.Must(Form("POST", "/settings/tokens", url.Values{"label": {label}}), http.StatusOK)
	if err != nil {
		return "", err
	}
	tok := tokenRE.FindString(res.String())
	if tok == "" {
		return "", errors.New("new token: none on the page")
	}
	return tok, nil
}
