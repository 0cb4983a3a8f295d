package partner

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func mustLoad(t testing.TB) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// shipped lists every id this package has ever shipped. Ids are stored in
// entries, exports and sent signals, so none may vanish or change; a new
// id is added here on purpose.
var shipped = map[string]string{
	"situations":        "flood-of-texts accusation threat-to-leave going-cold checking-your-phone small-fight same-question jealousy over-giving keeping-score upset-before-apart",
	"openers":           "not-going-anywhere still-here pause-not-goodbye on-your-side need-a-moment",
	"doing":             "walk settle think work shower sleep",
	"warm":              "love-you together you-matter want-to-hear thank-you",
	"repair-tips":       "before-you-go keep-the-time touch short",
	"delivery-tips":     "look voice touch time",
	"delivery-examples": "debrief-later texting-at-work late-night-talk night-out time-alone phone-privacy heated-argument same-reassurance",
	"talk":              "moment opening my-side the-loop try ask check-back",
	"baseline":          "exhaustion lost-preferences friends-concern resentment manager own-checking absorbing own-life-slipping",
	"routes":            "safety crisis for-them couples for-you not-more-skill",
	"signs":             "afraid controlled threatened hurt pressured tracked self-harm not-easing other-struggles before-you substances one-sided same-fight calm-talks-stuck shared-words stronger baseline-low less-secure lost-self long-effort no-shift help-refused cost-too-high",
	"signals":           "activated here-back-at need-space settling okay-now thinking-of-you running-late talk-later rode-it-out thank-you",
}

func currentIDs(c *Catalog) map[string][]string {
	out := map[string][]string{}
	lines := func(name string, ls []Line) {
		for _, l := range ls {
			out[name] = append(out[name], l.ID)
		}
	}
	for _, s := range c.Situations() {
		out["situations"] = append(out["situations"], s.ID)
	}
	lines("openers", c.Openers())
	lines("doing", c.Doing())
	lines("warm", c.WarmLines())
	lines("repair-tips", c.RepairTips())
	lines("delivery-tips", c.DeliveryTips())
	for _, e := range c.DeliveryExamples() {
		out["delivery-examples"] = append(out["delivery-examples"], e.ID)
	}
	for _, p := range c.TalkPrompts() {
		out["talk"] = append(out["talk"], p.ID)
	}
	for _, m := range c.BaselineMarkers() {
		out["baseline"] = append(out["baseline"], m.ID)
	}
	for _, r := range c.Routes() {
		out["routes"] = append(out["routes"], r.ID)
		for _, m := range r.Markers {
			out["signs"] = append(out["signs"], m.ID)
		}
	}
	for _, k := range c.SignalKinds() {
		out["signals"] = append(out["signals"], k.ID)
	}
	return out
}

func TestStableIDs(t *testing.T) {
	cur := currentIDs(mustLoad(t))
	if len(cur) != len(shipped) {
		t.Errorf("%d lists, shipped knows %d", len(cur), len(shipped))
	}
	for name, want := range shipped {
		have := map[string]int{}
		for _, id := range cur[name] {
			have[id]++
			if !isKebab(id) {
				t.Errorf("%s: id %q is not kebab-case", name, id)
			}
			if have[id] > 1 {
				t.Errorf("%s: id %q twice", name, id)
			}
		}
		known := map[string]bool{}
		for _, id := range strings.Fields(want) {
			known[id] = true
			if have[id] == 0 {
				t.Errorf("%s: shipped id %q is gone; ids are stored and must stay", name, id)
			}
		}
		for _, id := range cur[name] {
			if !known[id] {
				t.Errorf("%s: new id %q: add it to shipped once you are sure of it", name, id)
			}
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	c := mustLoad(t)
	c.Situations()[0].Replies[0] = "changed"
	c.Routes()[0].Markers[0].Label = "changed"
	c.TalkPrompts()[0].Examples[0] = "changed"
	c.SignalKinds()[0].Text = "changed"
	c.BaselineMarkers()[0].Label = "changed"
	c.DeliveryExamples()[0].Care = "changed"
	c.Openers()[0].Text = "changed"
	for _, got := range []string{
		c.Situations()[0].Replies[0], c.Routes()[0].Markers[0].Label, c.TalkPrompts()[0].Examples[0],
		c.SignalKinds()[0].Text, c.BaselineMarkers()[0].Label, c.DeliveryExamples()[0].Care, c.Openers()[0].Text,
	} {
		if got == "changed" {
			t.Error("a caller's change reached the catalog")
		}
	}
}

func dataFS(t *testing.T, file string, edit func(string) string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"decoder", "repair", "boundaries", "talk", "baseline", "help", "signals"} {
		raw, err := fs.ReadFile(data, "data/"+name+".json")
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		if name == file {
			s = edit(s)
			if s == string(raw) {
				t.Fatalf("edit of %s changed nothing", file)
			}
		}
		m["data/"+name+".json"] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// TestLoadRefusesBadData checks that each rule of Load can fail.
func TestLoadRefusesBadData(t *testing.T) {
	if _, err := load(dataFS(t, "", nil)); err != nil {
		t.Fatalf("unchanged data: %v", err)
	}
	for _, tc := range []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"unknown field", "decoder", replace(`"underneath":`, `"beneath":`), "unknown field"},
		{"duplicate situation", "decoder", replace(`"id": "accusation"`, `"id": "flood-of-texts"`), "twice"},
		{"one reply", "decoder", replace(`"replies": [
        "I'm here. In a meeting until 3, then I'll call you.",
        "Got your messages. We're okay. I'll ring you on my way home.",
        "I see you reaching out. I'm fine, we're fine, and I'm free at 6."
      ]`, `"replies": ["I'm here."]`), "two or three"},
		{"no safety note", "decoder", func(s string) string {
			return regexp.MustCompile(`,\s*"note": "[^"]*"`).ReplaceAllString(s, "")
		}, "safety"},
		{"repair slot order", "repair", replace(`{"id": "doing"`, `{"id": "what"`), "slot"},
		{"a suggestion too long for its slot", "repair", replace(`"text": "going for a short walk"`, `"text": "going for a `+strings.Repeat("very ", 20)+`short walk"`), "walk"},
		{"same delivery twice", "boundaries", replace(`"care": "I'm getting too heated to be kind. I'm taking 20 minutes, and I'll be back at 9:30. I'm not leaving."`, `"care": "I'm done."`), "same way twice"},
		{"too few delivery examples", "boundaries", func(s string) string {
			i := strings.Index(s, `"examples": [`)
			return s[:i] + `"examples": []}`
		}, "five"},
		{"talk prompt without example", "talk", replace(`"examples": ["Next Sunday, same walk."]`, `"examples": []`), "example"},
		{"baseline cadence", "baseline", replace(`"every_days": 14`, `"every_days": 90`), "every"},
		{"baseline marker id", "baseline", replace(`"id": "manager"`, `"id": "Manager"`), "kebab"},
		{"safety route not first", "help", replace(`"id": "safety"`, `"id": "danger"`), "must start"},
		{"safety route path", "help", replace(`"path": "/help/safety"`, `"path": "/safety"`), "must start"},
		{"no couples note", "help", replace(`"couples_note": "Couples therapy is usually not the right step while one person is afraid of the other. Talk to a domestic abuse service first."`, `"couples_note": ""`), "couples"},
		{"a route to nowhere", "help", replace(`"path": "/help/more",`, `"path": "/elsewhere",`), "not a page"},
		{"a sign on two routes", "help", replace(`{"id": "stronger"`, `{"id": "afraid"`), "twice"},
		{"a signal about location", "signals", replace(`"text": "Thinking of you."`, `"text": "Here is where I am."`), "where"},
		{"a signal that reports reading", "signals", replace(`"text": "Thank you for today."`, `"text": "I have read your messages."`), "read"},
		{"number signal without a hole", "signals", replace(`"text": "Activated {number}/10. A short check-in would help."`, `"text": "Activated. A short check-in would help."`), "{number}"},
		{"time signal without a param", "signals", replace(`"text": "I'm here. Back {time}.", "param": "time"`, `"text": "I'm here. Back {time}."`), "takes nothing"},
		{"unknown param", "signals", replace(`"param": "number"`, `"param": "place"`), "param"},
		{"too many signals", "signals", func(s string) string {
			var more []string
			for i := range 3 {
				more = append(more, `{"id": "extra-`+string(rune('a'+i))+`", "label": "Extra", "text": "Extra."}`)
			}
			return strings.Replace(s, `{"id": "thank-you"`, strings.Join(more, ",")+`, {"id": "thank-you"`, 1)
		}, "short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(dataFS(t, tc.file, tc.edit))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load = %v, want an error about %q", err, tc.want)
			}
		})
	}
}
