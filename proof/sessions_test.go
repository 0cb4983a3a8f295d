package proof_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

const sessionPassword = "rules for every session"

// signedIn reports whether an agent's cookie opens a signed-in page.
func signedIn(t *testing.T, a *proof.Agent) bool {
	t.Helper()
	res, err := a.Do(proof.Get("/today"))
	if err != nil {
		t.Fatal(err)
	}
	return res.Status == http.StatusOK
}

// tokenWorks reports whether a token opens the API.
func tokenWorks(t *testing.T, a *proof.Agent, token string) bool {
	t.Helper()
	res, err := a.WithToken(token).Do(proof.Get("/api/v1/me"))
	if err != nil {
		t.Fatal(err)
	}
	return res.Status == http.StatusOK
}

// TestSessionRules checks the session rules over HTTP, with a fake clock:
// the cookie's attributes; a new session at every sign-in (a planted
// cookie is never adopted); idle and absolute expiry; tokens that last
// the 90 days chosen by default and are not ended by idleness; no reuse
// after sign-out; sign out everywhere (every session and token); every
// session and token ended by a password change, a reset and account
// deletion.
func TestSessionRules(t *testing.T) {
	srv := proof.NewServer(t, "", web.Config{})
	cfg := account.DefaultConfig()
	a := srv.Agent()

	// The cookie: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/,
	// no Domain, and no longer than the absolute lifetime.
	res, err := a.Do(proof.Form("POST", "/signup", url.Values{"username": {"rules"}, "password": {sessionPassword}}))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("sign up: %v %v", err, res)
	}
	cookie := ""
	for _, line := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(line, proof.SessionCookie+"=") {
			cookie = line
		}
	}
	for _, attr := range []string{"Path=/", "HttpOnly", "Secure", "SameSite=Lax"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("session cookie lacks %s: %s", attr, cookie)
		}
	}
	if strings.Contains(strings.ToLower(cookie), "domain=") {
		t.Errorf("session cookie has a Domain: %s", cookie)
	}
	if m := regexp.MustCompile(`Max-Age=(\d+)`).FindStringSubmatch(cookie); m == nil || len(m[1]) > 8 {
		t.Errorf("session cookie Max-Age: %s", cookie)
	}
	a.User = proof.Credentials{Name: "rules", Password: sessionPassword}

	// Rotation: signing in always makes a new session, and a cookie an
	// attacker planted beforehand (session fixation) is never adopted.
	before := a.Session()
	planted := a.Stranger()
	planted.Cookies[proof.SessionCookie] = "planted-by-an-attacker"
	if err := planted.SignIn("rules", sessionPassword); err != nil {
		t.Fatal(err)
	}
	if planted.Session() == "planted-by-an-attacker" || planted.Session() == before {
		t.Fatal("sign-in kept an existing cookie instead of starting a new session")
	}
	again := a.Clone()
	if err := again.SignIn("rules", sessionPassword); err != nil {
		t.Fatal(err)
	}
	if again.Session() == before {
		t.Fatal("signing in again reused the session")
	}

	// Idle expiry.
	token, err := a.NewToken("kept across time")
	if err != nil {
		t.Fatal(err)
	}
	srv.Clock.Advance(cfg.IdleTimeout + time.Minute)
	for name, ag := range map[string]*proof.Agent{"first": a, "planted": planted, "again": again} {
		if signedIn(t, ag) {
			t.Errorf("the %s session works after %v idle", name, cfg.IdleTimeout)
		}
	}
	if !tokenWorks(t, a, token) {
		t.Error("a token stopped working when browsers went idle; a token lasts the days chosen for it")
	}

	// Absolute expiry, even for a session used every day.
	daily := a.Stranger()
	if err := daily.SignIn("rules", sessionPassword); err != nil {
		t.Fatal(err)
	}
	days := 0
	for ; days < 400 && signedIn(t, daily); days++ {
		srv.Clock.Advance(24 * time.Hour)
		srv.Accounts.Wait() // the throttled last-seen stamp has landed
	}
	if want := int(cfg.SessionLifetime / (24 * time.Hour)); days != want {
		t.Errorf("a session used daily lasted %d days, want %d", days, want)
	}

	// No reuse after sign-out, on pages or the API.
	one := a.Stranger()
	if err := one.SignIn("rules", sessionPassword); err != nil {
		t.Fatal(err)
	}
	stale := one.Clone()
	if _, err := one.Must(proof.Form("POST", "/signout", nil), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if signedIn(t, stale) {
		t.Error("a signed-out cookie still works")
	}
	if res, _ := stale.Do(proof.Get("/api/v1/me")); res.Status != http.StatusUnauthorized {
		t.Errorf("a signed-out cookie on the API: %d", res.Status)
	}

	// Sign out everywhere ends every browser and every token.
	var browsers []*proof.Agent
	for range 3 {
		b := a.Stranger()
		if err := b.SignIn("rules", sessionPassword); err != nil {
			t.Fatal(err)
		}
		browsers = append(browsers, b)
	}
	kept := browsers[0].Clone()
	if _, err := browsers[0].Must(proof.Form("POST", "/settings/signout-everywhere", nil), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	for i, b := range append(browsers, kept) {
		if signedIn(t, b) {
			t.Errorf("browser %d is still signed in after sign out everywhere", i)
		}
	}
	if tokenWorks(t, a, token) {
		t.Error("a token works after sign out everywhere; the settings page says tokens end")
	}
	for _, b := range []*proof.Agent{a, kept} {
		if err := b.SignIn("rules", sessionPassword); err != nil {
			t.Fatalf("sign in after sign out everywhere: %v", err)
		}
	}
	if token, err = a.NewToken("kept across time"); err != nil {
		t.Fatal(err)
	}

	// Revoking one session from settings ends it at once.
	x, y := a.Stranger(), a.Stranger()
	for _, b := range []*proof.Agent{x, y} {
		if err := b.SignIn("rules", sessionPassword); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := x.Must(proof.Form("POST", "/settings/sessions/"+proof.SessionID(y.Session())+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if signedIn(t, y) || !signedIn(t, x) {
		t.Error("revoking one session from settings")
	}

	// A password change ends every session and token but the new one.
	other := x.Clone()
	otherToken, _ := x.NewToken("ended by the change")
	if _, err := x.Must(proof.Form("POST", "/settings/password", url.Values{"current": {sessionPassword}, "password": {"a changed password"}}), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if !signedIn(t, x) || signedIn(t, other) || tokenWorks(t, a, otherToken) || tokenWorks(t, a, token) {
		t.Error("after a password change only the browser that changed it stays signed in")
	}

	// A reset with the recovery key does the same.
	first := srv.Agent()
	if err := first.SignUp("rules-reset", sessionPassword); err != nil {
		t.Fatal(err)
	}
	resetToken, _ := first.NewToken("ended by the reset")
	fresh := first.Stranger()
	if _, err := fresh.Must(proof.Form("POST", "/reset", url.Values{"username": {"rules-reset"}, "recovery_key": {first.User.RecoveryKey},
		"password": {"after the reset"}}), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if signedIn(t, first) || tokenWorks(t, first, resetToken) || !signedIn(t, fresh) {
		t.Error("a reset must end every other session and token")
	}

	// Deleting the account ends everything.
	delToken, _ := fresh.NewToken("ended by deletion")
	old := fresh.Clone()
	if _, err := fresh.Must(proof.Form("POST", "/settings/delete", url.Values{"confirm": {"rules-reset"}}), http.StatusBadRequest); err != nil {
		t.Fatalf("deletion with only the username typed: %v", err)
	}
	if _, err := fresh.Must(proof.Form("POST", "/settings/delete", url.Values{"password": {"after the reset"}}), http.StatusSeeOther); err != nil {
		t.Fatal(err)
	}
	if signedIn(t, old) || tokenWorks(t, old, delToken) {
		t.Error("a session or token of a deleted account still works")
	}
	// A token is not a browser session, even pasted into the cookie.
	pasted := a.Stranger()
	pasted.Cookies[proof.SessionCookie] = strings.TrimPrefix(token, "sbp_")
	if signedIn(t, pasted) {
		t.Error("a token's secret works as a browser cookie")
	}
}
