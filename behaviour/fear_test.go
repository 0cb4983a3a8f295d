package behaviour

import (
	"reflect"
	"strings"
	"testing"
)

func answers(fear string, yes, partly, no int) []FearAnswer {
	var out []FearAnswer
	for range yes {
		out = append(out, FearAnswer{fear, CameTrueYes})
	}
	for range partly {
		out = append(out, FearAnswer{fear, CameTruePartly})
	}
	for range no {
		out = append(out, FearAnswer{fear, CameTrueNo})
	}
	return out
}

func TestBaseRates(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		name      string
		in        []FearAnswer
		sentences []string
		note      string
		uncounted int
	}{
		{"no answers", nil, nil, "No answers yet. The day after you log a fear, one question asks whether it happened.", 0},
		{"the issue's example", answers("leaving", 0, 0, 14),
			[]string{"You feared they were leaving 14 times; it happened 0 times."},
			"These numbers come only from your own 14 answers.", 0},
		{"one answer, no", answers("leaving", 0, 0, 1),
			[]string{"You feared they were leaving once; it did not happen."},
			"These numbers rest on 1 answer. A few more weeks of answers will show a clearer picture.", 0},
		{"one answer, yes", answers("angry", 1, 0, 0),
			[]string{"You feared they were angry with you once; it happened."}, "", 0},
		{"one answer, partly", answers("angry", 0, 1, 0),
			[]string{"You feared they were angry with you once; it partly happened."}, "", 0},
		{"partly counts apart", answers("angry", 1, 2, 5),
			[]string{"You feared they were angry with you 8 times; it happened once and partly twice."}, "", 0},
		{"two fears, most answered first", append(answers("did-wrong", 0, 0, 2), answers("someone-else", 0, 0, 3)...),
			[]string{"You feared there was someone else 3 times; it happened 0 times.", "You feared you had done something wrong twice; it happened 0 times."},
			"These numbers come only from your own 5 answers.", 0},
		{"ties keep list order", append(answers("did-wrong", 0, 0, 2), answers("leaving", 2, 0, 0)...),
			[]string{"You feared they were leaving twice; it happened twice.", "You feared you had done something wrong twice; it happened 0 times."}, "", 0},
		{"own words", answers("own-words", 0, 1, 2),
			[]string{"You named a fear in your own words 3 times; it happened 0 times and partly once."}, "", 0},
		{"unknown ids are not counted", []FearAnswer{{"leaving", "maybe"}, {"ghosts", CameTrueYes}, {"leaving", CameTrueNo}},
			[]string{"You feared they were leaving once; it did not happen."}, "", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.BaseRates(tc.in)
			var sentences []string
			total := 0
			for _, r := range got.Fears {
				sentences = append(sentences, r.Sentence)
				if r.Yes+r.Partly+r.No != r.Answered {
					t.Errorf("%s: %d+%d+%d != %d", r.Fear.ID, r.Yes, r.Partly, r.No, r.Answered)
				}
				total += r.Answered
			}
			if !reflect.DeepEqual(sentences, tc.sentences) {
				t.Errorf("sentences\n got %q\nwant %q", sentences, tc.sentences)
			}
			if total != got.Answered || got.Answered+got.Uncounted != len(tc.in) {
				t.Errorf("answered %d, uncounted %d, of %d", got.Answered, got.Uncounted, len(tc.in))
			}
			if got.Uncounted != tc.uncounted {
				t.Errorf("uncounted %d, want %d", got.Uncounted, tc.uncounted)
			}
			if tc.note != "" && got.Note != tc.note {
				t.Errorf("note %q, want %q", got.Note, tc.note)
			}
			if got.Answered > 0 && got.Answered < FewAnswers && !strings.Contains(got.Note, "clearer") {
				t.Errorf("few answers, and the note does not say so: %q", got.Note)
			}
		})
	}
}

func TestFollowUp(t *testing.T) {
	c := mustLoad(t)
	for _, f := range c.Fears() {
		q, opts, err := c.FollowUp(f.ID)
		if err != nil || q != f.Question || len(opts) != 3 {
			t.Errorf("FollowUp(%s) = %q, %v, %v", f.ID, q, opts, err)
		}
		if strings.Contains(strings.ToLower(q), "yesterday") {
			t.Errorf("%s: the question may be answered days later; it cannot say yesterday", f.ID)
		}
	}
	if _, _, err := c.FollowUp("x"); err == nil {
		t.Error("FollowUp(x) found something")
	}
	london := zone(t, "Europe/London")
	if got := FollowUpFrom(at(t, london, "2026-03-28 23:10"), london); got.Format("2006-01-02 15:04 MST") != "2026-03-29 08:00 BST" {
		t.Errorf("follow-up after a trigger the night the clocks change: %v", got)
	}
}
