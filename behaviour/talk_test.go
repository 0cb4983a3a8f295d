package behaviour

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestCheckTalk(t *testing.T) {
	c := mustLoad(t)
	got, err := c.CheckTalk(TalkPlan, map[string]string{"understand": "  The texts come from fear.\r\nNot control. ", "asking": "", "if-heated": "Ten minutes, then back."})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"understand": "The texts come from fear.\nNot control.", "if-heated": "Ten minutes, then back."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := c.CheckTalk(TalkAfter, map[string]string{"went-well": "We both stayed."}); err != nil {
		t.Errorf("notes after: %v", err)
	}
	for _, tc := range []struct {
		name    string
		form    List
		answers map[string]string
		field   string
		want    error
	}{
		{"empty", TalkPlan, map[string]string{}, "when-where", ErrInvalid},
		{"only spaces", TalkPlan, map[string]string{"asking": "   "}, "when-where", ErrInvalid},
		{"unknown prompt", TalkPlan, map[string]string{"asking": "x", "password": "y"}, "form", ErrInvalid},
		{"prompt of the other form", TalkAfter, map[string]string{"asking": "x"}, "form", ErrInvalid},
		{"too long", TalkPlan, map[string]string{"asking": strings.Repeat("x", MaxNote+1)}, "asking", ErrInvalid},
		{"control", TalkAfter, map[string]string{"agreed": "x\x00"}, "agreed", ErrInvalid},
		{"unknown form", "before", map[string]string{"asking": "x"}, "form", ErrNotFound},
	} {
		_, err := c.CheckTalk(tc.form, tc.answers)
		if !errors.Is(err, tc.want) || FieldMessages(err)[tc.field] == "" {
			t.Errorf("%s: %v (%v), want a message for %s", tc.name, err, FieldMessages(err), tc.field)
		}
	}
}

func TestTalkPrompts(t *testing.T) {
	c := mustLoad(t)
	plan := ids(c, TalkPlan)
	for _, want := range []string{"understand", "asking", "if-heated"} {
		found := false
		for _, id := range plan {
			found = found || id == want
		}
		if !found {
			t.Errorf("the plan has no %q prompt (D5 asks for it)", want)
		}
	}
	if c.TalkPrompts("other") != nil {
		t.Error("TalkPrompts(other) is not nil")
	}
}
