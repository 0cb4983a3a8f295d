package partner

import (
	"reflect"
	"strings"
	"testing"
)

func TestCheckTalk(t *testing.T) {
	c := mustLoad(t)
	got, err := c.CheckTalk(map[string]string{"opening": " I'd like to talk about how we do hard moments. ", "the-loop": "\r\n", "try": "A word for it"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"opening": "I'd like to talk about how we do hard moments.", "try": "A word for it"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
	for name, in := range map[string]map[string]string{
		"empty":   {},
		"unknown": {"opening": "x", "secret": "y"},
		"long":    {"try": strings.Repeat("x", MaxNote+1)},
		"control": {"try": "\x00"},
	} {
		if _, err := c.CheckTalk(in); FieldMessages(err) == nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
