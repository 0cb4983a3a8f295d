package proof_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/proof"
	"github.com/securebase/securebase/web"
)

// TestPasswordPolicyASVS runs the password cases of OWASP ASVS 4.0.3
// section V2.1 through the sign-up, sign-in and settings forms. Where the
// product decided otherwise (8 characters, not 12; up to 256, not 128)
// the test pins the product's rule and docs/testing.md says so. The two
// that live in the browser (a strength hint, 2.1.8; a show-password
// toggle, 2.1.12) are checked in Chromium by TestPasswordFieldHelpers
// (cmd/securebase/password_ui_test.go).
func TestPasswordPolicyASVS(t *testing.T) {
	srv := proof.NewServer(t, "", web.Config{})
	n := 0
	signUp := func(password string) *proof.Response {
		t.Helper()
		n++
		a := srv.Agent()
		res, err := a.Do(proof.Form("POST", "/signup", url.Values{"username": {fmt.Sprintf("asvs%03d", n)}, "password": {password}}))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	accept := func(rule, password string) string {
		t.Helper()
		if res := signUp(password); res.Status != http.StatusOK {
			t.Errorf("%s: %q (%d characters) refused: %d", rule, password, len([]rune(password)), res.Status)
		}
		return fmt.Sprintf("asvs%03d", n)
	}
	refuse := func(rule, password, message string) {
		t.Helper()
		res := signUp(password)
		if res.Status != http.StatusBadRequest || !strings.Contains(res.String(), message) {
			t.Errorf("%s: %q (%d characters) got %d, want 400 with %q", rule, password, len([]rune(password)), res.Status, message)
		}
		if strings.Contains(res.String(), password) {
			t.Errorf("%s: the refused password is echoed back on the page", rule)
		}
	}
	signIn := func(name, password string) int {
		t.Helper()
		a := srv.Agent()
		a.Header.Set("X-Forwarded-For", "192.0.2.99")
		res, err := a.Do(proof.Form("POST", "/signin", url.Values{"username": {name}, "password": {password}}))
		if err != nil {
			t.Fatal(err)
		}
		return res.Status
	}

	// 2.1.1 length: the product's minimum is 8 characters (ASVS 4.0.3 asks
	// 12, ASVS 5.0 and NIST SP 800-63B ask 8), counted in characters.
	refuse("2.1.1", "seven c", "at least 8")
	refuse("2.1.1", "ééééééé", "at least 8") // 7 characters, 14 bytes
	accept("2.1.1", "eight ch")
	accept("2.1.1", "🙂🙂🙂🙂🙂🙂🙂🙂") // 8 characters, 32 bytes
	// 2.1.2: 64 characters and more are permitted; the bound (256) only
	// stops a request from feeding megabytes to the hash.
	accept("2.1.2", strings.Repeat("sixty-four ", 6)[:64])
	accept("2.1.2", strings.Repeat("a long walk ", 11)[:128])
	accept("2.1.2", strings.Repeat("a very long walk ", 16)[:256])
	refuse("2.1.2", strings.Repeat("a very long walk ", 16)[:257], "at most 256")

	// 2.1.3: no truncation and no trimming: every character counts.
	long := strings.Repeat("no truncation ", 7) // 98 characters
	name := accept("2.1.3", long)
	for what, wrong := range map[string]string{"the first 72 bytes (bcrypt's limit)": long[:72], "one more character": long + "x",
		"trimmed": strings.TrimSpace(long), "one character changed at the end": long[:len(long)-2] + "X "} {
		if code := signIn(name, wrong); code != http.StatusUnauthorized {
			t.Errorf("2.1.3: %s signs in (%d)", what, code)
		}
	}
	if code := signIn(name, long); code != http.StatusSeeOther {
		t.Errorf("2.1.3: the exact password does not sign in: %d", code)
	}
	spaced := "  spaces  at both  ends  "
	name = accept("2.1.3", spaced)
	if code := signIn(name, strings.TrimSpace(spaced)); code != http.StatusUnauthorized {
		t.Errorf("2.1.3: a trimmed password signs in (%d)", code)
	}

	// 2.1.4: any printable Unicode character, spaces and emoji included.
	for _, pw := range []string{"пароль на русском языке", "密码也可以是中文的句子", "emoji 🌊🌙 and tabs\tinside", "Ünïcödé accents ça va"} {
		name := accept("2.1.4", pw)
		if code := signIn(name, pw); code != http.StatusSeeOther {
			t.Errorf("2.1.4: %q does not sign in: %d", pw, code)
		}
	}

	// 2.1.7: common and breached passwords refused, whatever their case,
	// and the username itself.
	for _, pw := range []string{"password123", "PASSWORD123", "iloveyou1", "12345678"} {
		refuse("2.1.7", pw, "common passwords")
	}
	a := srv.Agent()
	res, _ := a.Do(proof.Form("POST", "/signup", url.Values{"username": {"sameasname"}, "password": {"SameAsName"}}))
	if res.Status != http.StatusBadRequest {
		t.Errorf("2.1.7: a password equal to the username accepted: %d", res.Status)
	}

	// 2.1.9: no composition rules.
	for _, pw := range []string{"only lowercase letters", "ALLUPPERCASEWORDS", "1029384756102938", "no digits or capitals at all"} {
		accept("2.1.9", pw)
	}

	// 2.1.5 and 2.1.6: a person can change their password, and must give
	// the current one to do it.
	owner := srv.Agent()
	if err := owner.SignUp("asvs-change", "the first password here"); err != nil {
		t.Fatal(err)
	}
	for what, form := range map[string]url.Values{
		"without the current password":  {"password": {"a second password here"}},
		"with a wrong current password": {"current": {"not the first password"}, "password": {"a second password here"}},
	} {
		res, _ := owner.Do(proof.Form("POST", "/settings/password", form))
		if res.Status != http.StatusUnauthorized {
			t.Errorf("2.1.6: changing the password %s: %d", what, res.Status)
		}
	}
	if _, err := owner.Must(proof.Form("POST", "/settings/password", url.Values{"current": {"the first password here"},
		"password": {"a second password here"}}), http.StatusSeeOther); err != nil {
		t.Errorf("2.1.5: %v", err)
	}
	if signIn("asvs-change", "the first password here") != http.StatusUnauthorized || signIn("asvs-change", "a second password here") != http.StatusSeeOther {
		t.Error("2.1.5: after a change only the new password works")
	}

	// 2.1.10: no periodic rotation: a password works after 400 days.
	srv.Clock.Advance(400 * 24 * time.Hour)
	if code := signIn("asvs-change", "a second password here"); code != http.StatusSeeOther {
		t.Errorf("2.1.10: a 400-day-old password: %d", code)
	}

	if err := owner.SignIn("asvs-change", "a second password here"); err != nil {
		t.Fatal(err)
	}
	// 2.1.11: pasting and password managers work: every password field
	// says what it holds (autocomplete current-/new-password), none turns
	// autocomplete off or blocks paste.
	fields := 0
	for _, page := range []string{"/signup", "/signin", "/reset", "/settings", "/settings/delete"} {
		who := owner
		if !strings.HasPrefix(page, "/settings") {
			who = owner.Stranger()
		}
		res, err := who.Do(proof.Get(page))
		if err != nil || res.Status != http.StatusOK {
			t.Fatalf("GET %s: %v %v", page, err, res)
		}
		for _, input := range regexp.MustCompile(`<input[^>]*type="password"[^>]*>`).FindAllString(res.String(), -1) {
			fields++
			if !regexp.MustCompile(`autocomplete="(current|new)-password"`).MatchString(input) {
				t.Errorf("2.1.11: %s: a password field without autocomplete=current-/new-password: %s", page, input)
			}
			if regexp.MustCompile(`(?i)onpaste|oncopy|autocomplete="off"|maxlength`).MatchString(input) {
				t.Errorf("2.1.11: %s: a password field that blocks paste, managers or length: %s", page, input)
			}
		}
	}
	if fields < 5 {
		t.Errorf("2.1.11: found only %d password fields", fields)
	}
	t.Logf("FIGURE ASVS V2.1: 2.1.1 (8 characters, product rule), 2.1.2, 2.1.3, 2.1.4, 2.1.5, 2.1.6, 2.1.7, 2.1.9, 2.1.10, 2.1.11 hold over HTTP; " +
		"2.1.8 (strength hint) and 2.1.12 (show the password) are checked in Chromium by TestPasswordFieldHelpers")
}
