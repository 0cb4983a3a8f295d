package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzFrontMatter: any bytes give front matter and a body, or an error;
// never a panic, and never a field that was not in the input.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte(goodLesson))
	f.Add([]byte(goodFAQ))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nk:\n  - a\n  - b\n---"))
	f.Add([]byte("---\r\ntitle: \"x\"\r\n---\r\nbody"))
	f.Add([]byte("\xef\xbb\xbf---\n- x\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, _, err := splitFrontMatter(src)
		if err != nil {
			return
		}
		for k, v := range fm.fields {
			if !validKey(k) || !strings.Contains(string(src), k) || (v != "" && !strings.Contains(string(src), v)) {
				t.Fatalf("field %q=%q is not from the input", k, v)
			}
		}
	})
}

// FuzzParse: a lesson or a FAQ file of any content loads or fails with an
// error; never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodLesson), []byte(goodFAQ))
	f.Add([]byte(strings.Replace(goodLesson, "Some text", "[x](/learn/faq#a) <b>x</b>", 1)), []byte("---\ntitle: a\nsummary: b\n---\n## a\n\nb [c](/learn)"))
	f.Fuzz(func(t *testing.T, lesson, faq []byte) {
		lib, err := Parse(fstest.MapFS{"lessons/a.md": {Data: lesson}, "faq.md": {Data: faq}}, anyRoute)
		if err != nil {
			return
		}
		for _, l := range lib.Lessons() {
			if l.Stats.Minutes() != l.Minutes || l.Title == "" || len(l.References) == 0 {
				t.Fatalf("a lesson that breaks the rules loaded: %+v", l)
			}
		}
	})
}
