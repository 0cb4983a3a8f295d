package web

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/securebase/securebase/assess"
)

// FuzzParseAnswers feeds arbitrary form bodies to the parser of one
// screen's answers. Whatever comes in, it must not panic, must return only
// answers for items on the screen and on the scale, and, when it reports
// no error, must have kept every answer the form gave.
func FuzzParseAnswers(f *testing.F) {
	lib, err := assess.Load()
	if err != nil {
		f.Fatal(err)
	}
	in := lib.Default()
	screen := []int{9, 7, 5, 24}
	for _, seed := range []string{
		"page=1&go=next&q9=1&q7=7&q5=4&q24=2",
		"q9=8", "q99=1", "q012=3", "q=1", "qx=2", "q9=&q7=", "q9=1&q9=2", "q9=+3", "q9=%20%204", "q9=1e1",
		"q-1=3", "q9=-0", "q24=9223372036854775808", "%zz", "go=finish",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return // parseForm answers 400 before the parser runs
		}
		answers, err := parseAnswers(v, in, screen)
		for n, a := range answers {
			if n != 9 && n != 7 && n != 5 && n != 24 {
				t.Fatalf("answer for item %d, which is not on the screen", n)
			}
			if a < in.Min || a > in.Max {
				t.Fatalf("item %d: answer %d is off the scale", n, a)
			}
		}
		if err != nil {
			return
		}
		for key, vals := range v {
			if strings.HasPrefix(key, "q") && strings.TrimSpace(vals[0]) != "" {
				n, _ := itemNumber(key[1:])
				if _, ok := answers[n]; !ok {
					t.Fatalf("%s=%q was accepted but not kept", key, vals[0])
				}
			}
		}
	})
}

// FuzzCheckAPIAnswers does the same for answers sent as JSON to the API.
func FuzzCheckAPIAnswers(f *testing.F) {
	lib, err := assess.Load()
	if err != nil {
		f.Fatal(err)
	}
	in, _ := lib.Instrument("ecr-rs")
	for _, seed := range []string{`{"1":4}`, `{"9":7,"1":1}`, `{"10":4}`, `{"0":4}`, `{"01":4}`, `{"1":0}`, `{"1":8}`, `{}`, `{"x":1}`, `{"１":1}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var raw map[string]int
		if json.Unmarshal([]byte(body), &raw) != nil {
			return // decodeJSON answers 400 first
		}
		answers, err := checkAPIAnswers(in, raw)
		for n, a := range answers {
			if n < 1 || n > len(in.Items) || a < in.Min || a > in.Max {
				t.Fatalf("kept item %d = %d", n, a)
			}
		}
		if err == nil && len(answers) != len(raw) {
			t.Fatalf("accepted %d answers but kept %d", len(raw), len(answers))
		}
	})
}

func TestScreensOf(t *testing.T) {
	for n, want := range map[int][]int{36: {4, 4, 4, 4, 4, 4, 4, 4, 4}, 9: {3, 3, 3}, 5: {3, 2}, 4: {4}, 1: {1}, 0: nil, 37: {4, 4, 4, 4, 4, 4, 4, 3, 3, 3}} {
		order := assess.Order(n, 1)
		var sizes, all []int
		for _, s := range screensOf(order) {
			sizes = append(sizes, len(s))
			all = append(all, s...)
		}
		if !slices.Equal(sizes, want) {
			t.Errorf("%d items: screens of %v, want %v", n, sizes, want)
		}
		if !slices.Equal(all, order) {
			t.Errorf("%d items: the screens hold %v, want the order %v", n, all, order)
		}
	}
}
