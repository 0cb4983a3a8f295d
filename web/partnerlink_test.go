package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	inviteRE = regexp.MustCompile(`class="invite-code" id="invite-code">([0-9A-Z]{5}-[0-9A-Z]{5})<`)
	numberRE = regexp.MustCompile(`class="safety-number">([0-9 ]+)<`)
	nonceRE  = regexp.MustCompile(`nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+`)
)

// signalsJSON is the polling endpoint's answer, read strictly.
type signalsJSON struct {
	Linked  bool `json:"linked"`
	Signals []struct {
		ID    string `json:"id"`
		Mine  bool   `json:"mine"`
		Text  string `json:"text"`
		Words string `json:"words"`
		Sent  string `json:"sent"`
	} `json:"signals"`
}

func readSignals(t *testing.T, c *client) signalsJSON {
	t.Helper()
	res := c.get("/api/v1/partner/signals")
	if res.Code != http.StatusOK {
		t.Fatalf("signals: %d %s", res.Code, clip(res.body))
	}
	for _, banned := range []string{"seen", "read", "last", "online", "location", "typing", "delivered"} {
		var raw map[string]any
		_ = json.Unmarshal([]byte(res.body), &raw)
		if strings.Contains(strings.ToLower(keysOf(raw)), banned) {
			t.Errorf("the signals JSON has a key like %q: %s", banned, res.body)
		}
	}
	dec := json.NewDecoder(strings.NewReader(res.body))
	dec.DisallowUnknownFields()
	var out signalsJSON
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("signals JSON %s: %v", res.body, err)
	}
	return out
}

// keysOf lists every key of a decoded JSON value, at any depth.
func keysOf(v any) string {
	var b strings.Builder
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			b.WriteString(k + " " + keysOf(val))
		}
	case []any:
		for _, val := range x {
			b.WriteString(keysOf(val))
		}
	}
	return b.String()
}

// makeCode makes an invitation code as c, after its password.
func makeCode(t *testing.T, c *client) string {
	t.Helper()
	res := c.post("/partner/link/code", url.Values{"password": {pw}})
	m := inviteRE.FindStringSubmatch(res.body)
	if res.Code != http.StatusOK || m == nil {
		t.Fatalf("make a code: %d\n%s", res.Code, clip(res.body))
	}
	return m[1]
}

// TestPartnerLink walks linking as two people and a stranger: codes that
// need the password and work once, the same safety number on both sides,
// a signal that only its two people read, the send limit, unlinking by
// either side at once, with the other's page then the same as if they
// had never linked, and account deletion ending the link.
func TestPartnerLink(t *testing.T) {
	e := newEnv(t)
	a, b, c := e.client(), e.client(), e.client()
	a.signUp("link-a", pw)
	b.signUp("link-b", pw)
	c.signUp("link-c", pw)
	neverLinked := a.get("/partner/link")
	expect(t, neverLinked, http.StatusOK, "If someone is pushing you to link", `href="/help/safety"`, "Make a code", "Enter a code", "let the code run out")
	// "Not now" is a button beside "Link accounts", of the same weight (section 2.4), not a plain link.
	expect(t, neverLinked, http.StatusOK, `<div class="thumb actions"><button>Link accounts</button><a class="button not-now" href="/partner">Not now</a></div>`)

	// A code needs the password.
	expect(t, a.post("/partner/link/code", url.Values{"password": {"not the password"}}), http.StatusUnauthorized, "doesn")
	code := makeCode(t, a)

	// A wrong code and a wrong password say so beside their fields.
	expect(t, b.post("/partner/link/accept", url.Values{"code": {"00000-00000"}, "accept-password": {pw}}), http.StatusNotFound, "That code doesn")
	expect(t, b.post("/partner/link/accept", url.Values{"code": {code}, "accept-password": {"wrong"}}), http.StatusUnauthorized, `id="accept-password-error"`)
	// As a person types it: lower case, no hyphen.
	typed := strings.ToLower(strings.ReplaceAll(code, "-", ""))
	expect(t, b.post("/partner/link/accept", url.Values{"code": {typed}, "accept-password": {pw}}), http.StatusSeeOther)
	// Used once: the stranger gets the same answer as for a wrong code.
	expect(t, c.post("/partner/link/accept", url.Values{"code": {code}, "accept-password": {pw}}), http.StatusNotFound, "That code doesn")

	pa, pb := a.get("/partner/link"), b.get("/partner/link")
	na, nb := numberRE.FindStringSubmatch(pa.body), numberRE.FindStringSubmatch(pb.body)
	if na == nil || nb == nil || na[1] != nb[1] {
		t.Fatalf("safety numbers: %v %v", na, nb)
	}
	expect(t, pa, http.StatusOK, "Send a signal", "Unlink now", "If someone is pushing you to link")
	// Settings offers the unlink too, to the linked only.
	expect(t, b.get("/settings"), http.StatusOK, "Linked partner", `action="/partner/unlink"`)
	if strings.Contains(c.get("/settings").body, "Linked partner") {
		t.Error("Settings of someone not linked offers an unlink")
	}

	// A signal: sealed, and read by its two people only.
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"activated"}, "number": {"7"}, "words": {"rough meeting, home soon"}}), http.StatusSeeOther)
	got := readSignals(t, b)
	if !got.Linked || len(got.Signals) != 1 || got.Signals[0].Mine || got.Signals[0].Text != "Activated 7/10. A short check-in would help." || got.Signals[0].Words != "rough meeting, home soon" {
		t.Fatalf("b reads %+v", got)
	}
	if mine := readSignals(t, a); len(mine.Signals) != 1 || !mine.Signals[0].Mine {
		t.Fatalf("a reads %+v", mine)
	}
	if s := readSignals(t, c); s.Linked || len(s.Signals) != 0 {
		t.Fatalf("the stranger reads %+v", s)
	}
	expect(t, b.get("/partner/link"), http.StatusOK, "Your partner sent", "rough meeting, home soon")
	expect(t, b.get("/partner"), http.StatusOK, "Your partner sent", "rough meeting, home soon", `href="/partner/link"`)
	// Linking is never suggested: the home of someone not linked does not point to it.
	if strings.Contains(c.get("/partner").body, "/partner/link") {
		t.Error("the partner home of someone not linked points to linking")
	}
	// Refused signals: off the list, a link in the words, a number out of range.
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"where-are-you"}}), http.StatusBadRequest, "Choose a signal from the list")
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"need-space"}, "words": {"see bit.ly/x"}}), http.StatusBadRequest, "can&#39;t carry links")
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"activated"}, "number": {"11"}}), http.StatusBadRequest, "Choose a number from 0 to 10")
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"here-back-at"}, "at": {"23:55"}}), http.StatusSeeOther)

	// The limit: six an hour.
	for i := 0; i < 4; i++ {
		expect(t, a.post("/partner/link/signal", url.Values{"signal": {"thinking-of-you"}}), http.StatusSeeOther)
	}
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"thinking-of-you"}}), http.StatusTooManyRequests, "You can send the next one")
	if n := len(readSignals(t, b).Signals); n != 6 {
		t.Fatalf("b has %d signals, want 6", n)
	}
	e.advance(61 * 60e9)
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"okay-now"}}), http.StatusSeeOther)

	// One link per person: a linked person entering a code, or making
	// one, is refused, and their key (so the signals) stays as it was.
	expect(t, c.post("/partner/link/accept", url.Values{"code": {makeCode(t, c)}, "accept-password": {pw}}), http.StatusConflict, "your own code")
	expect(t, b.post("/partner/link/accept", url.Values{"code": {makeCode(t, c)}, "accept-password": {pw}}), http.StatusConflict, "already linked")
	expect(t, b.post("/partner/link/code", url.Values{"password": {pw}}), http.StatusConflict, "already linked")
	if n := len(readSignals(t, b).Signals); n != 7 {
		t.Fatalf("b reads %d signals after trying to link again, want 7", n)
	}

	// The export holds each person's own signals as they see them, and
	// nothing that names the partner; an import never creates a link or
	// a signal (docs/partner-safety.md section 4).
	exportB := checkSignalExport(t, b, "your partner", "link-a")
	checkSignalExport(t, a, "you", "link-b")
	expect(t, b.get("/settings/export.html"), http.StatusOK, "Signals with your partner", "<dd>Your partner</dd>",
		"Activated 7/10. A short check-in would help.", "rough meeting, home soon")
	expect(t, a.get("/settings/export.html"), http.StatusOK, "Signals with your partner", "<dd>You</dd>", "Your words")
	if html := c.get("/settings/export.html").body; strings.Contains(html, "Signals with your partner") {
		t.Error("the readable export of someone not linked has a signals section")
	}
	if x := c.get("/settings/export.json").body; strings.Contains(x, `"signals"`) {
		t.Errorf("the export of someone not linked has signals: %s", clip(x))
	}
	expect(t, uploadExport(c, exportB), http.StatusOK)
	if s := readSignals(t, c); s.Linked || len(s.Signals) != 0 {
		t.Fatalf("an import linked the stranger or gave them signals: %+v", s)
	}
	expect(t, c.get("/partner/link"), http.StatusOK, "Make a code")
	if x := c.get("/settings/export.json").body; strings.Contains(x, `"signals"`) {
		t.Errorf("after an import, the export of someone not linked has signals: %s", clip(x))
	}
	expect(t, uploadExport(a, exportB), http.StatusOK)
	expect(t, uploadExport(b, exportB), http.StatusOK)
	if na, nb := len(readSignals(t, a).Signals), len(readSignals(t, b).Signals); na != 7 || nb != 7 {
		t.Fatalf("after importing the export, a reads %d signals and b %d, want 7 each", na, nb)
	}

	// b unlinks, alone and at once: a is unlinked on the next request,
	// the signals are gone for both, and a's page is the page of someone
	// who never linked.
	expect(t, b.post("/partner/unlink", nil), http.StatusSeeOther)
	if strings.Contains(a.get("/settings").body, "Linked partner") {
		t.Error("a's Settings still offers an unlink after b unlinked")
	}
	if s := readSignals(t, a); s.Linked || len(s.Signals) != 0 {
		t.Fatalf("a after b unlinked: %+v", s)
	}
	if s := readSignals(t, b); s.Linked || len(s.Signals) != 0 {
		t.Fatalf("b after unlinking: %+v", s)
	}
	expect(t, a.post("/partner/link/signal", url.Values{"signal": {"okay-now"}}), http.StatusNotFound)
	a.get("/today") // a's own flash of the last signal sent is shown once, and gone
	after := a.get("/partner/link")
	if nonceRE.ReplaceAllString(after.body, "") != nonceRE.ReplaceAllString(neverLinked.body, "") {
		x, y := strings.Split(nonceRE.ReplaceAllString(after.body, ""), "\n"), strings.Split(nonceRE.ReplaceAllString(neverLinked.body, ""), "\n")
		for i := range min(len(x), len(y)) {
			if x[i] != y[i] {
				t.Errorf("a's page after the unlink differs from before any link at line %d:\n%s\n%s", i, x[i], y[i])
				break
			}
		}
	}

	// Account deletion unlinks too.
	code = makeCode(t, a)
	expect(t, c.post("/partner/link/accept", url.Values{"code": {code}, "accept-password": {pw}}), http.StatusSeeOther)
	expect(t, c.post("/partner/link/signal", url.Values{"signal": {"thank-you"}}), http.StatusSeeOther)
	expect(t, c.post("/settings/delete", url.Values{"password": {pw}}), http.StatusSeeOther)
	if s := readSignals(t, a); s.Linked || len(s.Signals) != 0 {
		t.Fatalf("a after c deleted their account: %+v", s)
	}
}

// checkSignalExport reads c's JSON export: seven signals, each sent by
// who, worded as the page words them, and nowhere the partner's name.
// It returns the file.
func checkSignalExport(t *testing.T, c *client, who, partnerName string) string {
	t.Helper()
	res := c.get("/settings/export.json")
	if res.Code != http.StatusOK {
		t.Fatalf("export: %d %s", res.Code, clip(res.body))
	}
	if strings.Contains(res.body, partnerName) {
		t.Errorf("the export names the partner %q: %s", partnerName, clip(res.body))
	}
	var x struct {
		Signals []map[string]any `json:"signals"`
	}
	if err := json.Unmarshal([]byte(res.body), &x); err != nil {
		t.Fatalf("export: %v", err)
	}
	if len(x.Signals) != 7 {
		t.Fatalf("the export has %d signals, want 7: %s", len(x.Signals), clip(res.body))
	}
	found := false
	for _, sig := range x.Signals {
		for k := range sig {
			if k != "sent_by" && k != "signal" && k != "text" && k != "words" && k != "sent_at" {
				t.Errorf("an exported signal has the field %q: %v", k, sig)
			}
		}
		if sig["sent_by"] != who {
			t.Errorf("an exported signal was sent by %q, want %q", sig["sent_by"], who)
		}
		if _, err := time.Parse(time.RFC3339, fmt.Sprint(sig["sent_at"])); err != nil {
			t.Errorf("an exported signal's time: %v", err)
		}
		if sig["signal"] == "activated" && sig["text"] == "Activated 7/10. A short check-in would help." && sig["words"] == "rough meeting, home soon" {
			found = true
		}
	}
	if !found {
		t.Errorf("the first signal is not in the export as sent: %v", x.Signals)
	}
	return res.body
}

// TestPartnerMute: the one who mutes gets nothing their partner sends
// while muted, not even after turning signals back on; the sender's page,
// JSON and send limit are exactly those of a sender whose partner did not
// mute (two pairs, the same steps, compared byte for byte apart from the
// nonce, the signals' ids and the names).
func TestPartnerMute(t *testing.T) {
	e := newEnv(t)
	pair := func(x, y string) (*client, *client) {
		a, b := e.client(), e.client()
		a.signUp(x, pw)
		b.signUp(y, pw)
		expect(t, b.post("/partner/link/accept", url.Values{"code": {makeCode(t, a)}, "accept-password": {pw}}), http.StatusSeeOther)
		return a, b
	}
	a1, b1 := pair("mute-a1", "mute-b1") // b1 mutes
	a2, b2 := pair("mute-a2", "mute-b2") // b2 does not
	expect(t, b1.get("/partner/link"), http.StatusOK, "Mute signals", "Your partner isn't told", "Mute for 8 hours", "Mute until I turn them back on")
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"forever"}}), http.StatusBadRequest, "Choose how long to mute signals.")
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"hours"}}), http.StatusSeeOther)
	expect(t, b1.get("/partner/link"), http.StatusOK, "Signals are muted", "They come back on tomorrow at 07:4", "Turn signals back on")

	// The same signals from both senders, a minute apart (so each list's
	// order is fixed), up to the limit.
	for i := 0; i < 7; i++ {
		for _, a := range []*client{a1, a2} {
			switch {
			case i == 0:
				expect(t, a.post("/partner/link/signal", url.Values{"signal": {"activated"}, "number": {"6"}, "words": {"long day"}}), http.StatusSeeOther)
			case i < 6:
				expect(t, a.post("/partner/link/signal", url.Values{"signal": {"thinking-of-you"}}), http.StatusSeeOther)
			default:
				expect(t, a.post("/partner/link/signal", url.Values{"signal": {"thinking-of-you"}}), http.StatusTooManyRequests, "You can send the next one")
			}
		}
		e.advance(time.Minute)
	}
	idRE := regexp.MustCompile(`data-id="[0-9a-f]+"|"id":"[0-9a-f]+"`)
	norm := func(body, name string) string {
		body = numberRE.ReplaceAllString(body, "") // each pair's own keys
		return strings.ReplaceAll(idRE.ReplaceAllString(nonceRE.ReplaceAllString(body, ""), ""), name, "NAME")
	}
	for _, path := range []string{"/partner/link", "/partner", "/api/v1/partner/signals"} {
		one, two := norm(a1.get(path).body, "mute-a1"), norm(a2.get(path).body, "mute-a2")
		if one != two {
			x, y := strings.Split(one, "\n"), strings.Split(two, "\n")
			for i := range min(len(x), len(y)) {
				if x[i] != y[i] {
					t.Errorf("%s of a sender whose partner muted differs at line %d:\n%q\n%q", path, i, x[i], y[i])
					break
				}
			}
			if len(x) != len(y) {
				t.Errorf("%s of a sender whose partner muted has %d lines, not %d", path, len(x), len(y))
			}
		}
	}
	if n := len(readSignals(t, b2).Signals); n != 6 {
		t.Fatalf("b2 reads %d signals, want 6", n)
	}
	if n := len(readSignals(t, b1).Signals); n != 0 {
		t.Fatalf("b1 muted and reads %d signals", n)
	}
	if strings.Contains(b1.get("/partner").body, "long day") {
		t.Fatal("the partner home of someone muted shows a signal sent while muted")
	}

	// Back on: what came while muted stays away; what comes now arrives.
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"off"}}), http.StatusSeeOther)
	expect(t, b1.get("/partner/link"), http.StatusOK, "Mute signals")
	if n := len(readSignals(t, b1).Signals); n != 0 {
		t.Fatalf("after turning signals back on, b1 reads %d signals sent while muted", n)
	}
	e.advance(61 * time.Minute)
	expect(t, a1.post("/partner/link/signal", url.Values{"signal": {"okay-now"}}), http.StatusSeeOther)
	if got := readSignals(t, b1).Signals; len(got) != 1 || got[0].Mine {
		t.Fatalf("after turning signals back on, b1 reads %+v", got)
	}

	// Until turned back on lasts; eight hours end by themselves.
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"on"}}), http.StatusSeeOther)
	expect(t, b1.get("/partner/link"), http.StatusOK, "muted until you turn them back on")
	e.advance(25 * time.Hour)
	expect(t, a1.post("/partner/link/signal", url.Values{"signal": {"thank-you"}}), http.StatusSeeOther)
	if n := len(readSignals(t, b1).Signals); n != 1 {
		t.Fatalf("muted until turned back on, b1 reads %d signals a day later, want 1", n)
	}
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"hours"}}), http.StatusSeeOther)
	e.advance(8*time.Hour + time.Minute)
	expect(t, b1.get("/partner/link"), http.StatusOK, "Mute signals")
	expect(t, a1.post("/partner/link/signal", url.Values{"signal": {"thank-you"}}), http.StatusSeeOther)
	if n := len(readSignals(t, b1).Signals); n != 2 {
		t.Fatalf("after eight hours muted, b1 reads %d signals, want 2", n)
	}
	// The sender still reads every signal they sent.
	if n := len(readSignals(t, a1).Signals); n != 9 {
		t.Fatalf("a1 reads %d of the signals they sent, want 9", n)
	}

	// Unlinking ends a mute with the link: linking again starts unmuted.
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"on"}}), http.StatusSeeOther)
	expect(t, a1.post("/partner/unlink", nil), http.StatusSeeOther)
	expect(t, b1.post("/partner/link/mute", url.Values{"mute": {"on"}}), http.StatusNotFound)
	expect(t, b1.post("/partner/link/accept", url.Values{"code": {makeCode(t, a1)}, "accept-password": {pw}}), http.StatusSeeOther)
	expect(t, b1.get("/partner/link"), http.StatusOK, "Mute signals")
}
