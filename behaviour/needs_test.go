package behaviour

import (
	"errors"
	"strings"
	"testing"
)

func TestComposeNeed(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		name string
		in   Need
		want string
	}{
		{"all parts", Need{"you reply many hours later", "unsure and a bit on edge", "a short word when you're busy", "send me one line when you can't talk"},
			"When you reply many hours later, I feel unsure and a bit on edge. I'd like a short word when you're busy. Would you send me one line when you can't talk?"},
		{"only what is needed", Need{Feel: "lonely", Like: "a hug"}, "I feel lonely. I'd like a hug."},
		{"frame words typed twice", Need{"When you go quiet,", "I feel scared.", "I'd like to hear from you", "Would you text me?"},
			"When you go quiet, I feel scared. I'd like to hear from you. Would you text me?"},
		{"typographic apostrophe", Need{Feel: "I’m feeling lost", Like: "I’d like a plan"}, "I feel lost. I'd like a plan."},
		{"their own request word", Need{Feel: "tired", Like: "some help", Ask: "could you cook on Mondays"},
			"I feel tired. I'd like some help. Could you cook on Mondays?"},
		{"capitalised starters", Need{"You cancel plans", "Sad", "More notice", "Tell me a day ahead"},
			"When you cancel plans, I feel sad. I'd like more notice. Would you tell me a day ahead?"},
		{"names keep their case", Need{"Sam calls late", "uneasy", "an earlier call", "Call before ten"},
			"When Sam calls late, I feel uneasy. I'd like an earlier call. Would you call before ten?"},
		{"end punctuation", Need{Feel: "hurt!!!", Like: "a talk…"}, "I feel hurt. I'd like a talk."},
		{"outer spaces", Need{When: "  we argue  ", Feel: "\tshaky ", Like: " space "}, "When we argue, I feel shaky. I'd like space."},
		{"a word that only starts like the frame", Need{When: "whenever we fight", Feel: "feelings run high", Like: "likeable plans"},
			"When whenever we fight, I feel feelings run high. I'd like likeable plans."},
		{"frame words typed over and over", Need{"When when, you leave", "I feel I feel lost", "I'd like I'd like calm", "would you Would you stay"},
			"When you leave, I feel lost. I'd like calm. Would you stay?"},
		{"other scripts", Need{Feel: "ängstlich", Like: "Ruhe"}, "I feel ängstlich. I'd like Ruhe."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.ComposeNeed(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestComposeNeedErrors(t *testing.T) {
	c := mustLoad(t)
	long := strings.Repeat("a", 201)
	for _, tc := range []struct {
		name   string
		in     Need
		fields string
	}{
		{"empty", Need{}, "feel like"},
		{"only frame words", Need{Feel: "I feel", Like: "I'd like."}, "feel like"},
		{"too long", Need{When: long, Feel: "ok", Like: long, Ask: long}, "when like ask"},
		{"line break", Need{Feel: "sad\nand tired", Like: "rest"}, "feel"},
		{"not UTF-8", Need{Feel: "\xc3", Like: "rest"}, "feel"},
		{"control", Need{Feel: "ok", Like: "rest\x7f"}, "like"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ComposeNeed(tc.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err %v", err)
			}
			msgs := FieldMessages(err)
			want := strings.Fields(tc.fields)
			if len(msgs) != len(want) {
				t.Errorf("messages %v, want %v", msgs, want)
			}
			for _, f := range want {
				if msgs[f] == "" {
					t.Errorf("no message for %s: %v", f, msgs)
				}
			}
		})
	}
}

func TestComposeBoundary(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		name string
		in   Boundary
		want string
	}{
		{"all parts", Boundary{"I can't talk about this after eleven on work nights", "I love our evenings together", "Let's pick it up tomorrow at 7"},
			"I love our evenings together, and I can't talk about this after eleven on work nights. Let's pick it up tomorrow at 7."},
		{"limit only", Boundary{Limit: "i need Sundays to myself"}, "I need Sundays to myself."},
		{"a question keeps its mark", Boundary{Limit: "I need a break.", Time: "Can we talk at 7 ?"}, "I need a break. Can we talk at 7?"},
		{"warmth with a capital starter", Boundary{Limit: "The phone goes off at ten", Warmth: "You matter to me."},
			"You matter to me, and the phone goes off at ten."},
		{"end punctuation", Boundary{Limit: "No lending money!", Warmth: "I care..."}, "I care, and No lending money."},
		{"a lone question mark is nothing", Boundary{Limit: "Not tonight", Time: " ? "}, "Not tonight."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.ComposeBoundary(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
	if _, err := c.ComposeBoundary(Boundary{Warmth: "I love you", Time: "at 7"}); FieldMessages(err)[SlotLimit] == "" {
		t.Errorf("a boundary without a limit: %v", err)
	}
}

func TestWorkedExamplesCompose(t *testing.T) {
	c := mustLoad(t)
	for _, e := range c.NeedExamples() {
		got, err := c.ComposeNeed(e.Need)
		if err != nil || !strings.HasPrefix(got, "When ") || !strings.HasSuffix(got, "?") {
			t.Errorf("need example %s: %q, %v", e.ID, got, err)
		}
	}
	for _, e := range c.BoundaryExamples() {
		got, err := c.ComposeBoundary(e.Boundary)
		if err != nil || !strings.Contains(got, ", and ") {
			t.Errorf("boundary example %s: %q, %v", e.ID, got, err)
		}
	}
	for _, s := range append(c.NeedSlots(), c.BoundarySlots()...) {
		if s.Max <= 0 || s.Label == "" || s.Example == "" {
			t.Errorf("slot %+v", s)
		}
	}
}
