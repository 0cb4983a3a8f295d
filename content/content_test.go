package content

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// anyRoute accepts every path: the route table is web's, and web checks
// the real links when it loads the library (web/learn_test.go).
func anyRoute(string) bool { return true }

func load(t *testing.T) *Library {
	t.Helper()
	lib, err := Load(anyRoute)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// topics are the lessons issue 17 asks for, one per topic of the seeds,
// with the secure partner's guide in several short lessons.
var topics = []string{
	"how-it-forms", "signs", "nervous-system", "protest-behaviour", "insight-is-not-enough",
	"three-pillars", "core-beliefs", "inner-child", "anxious-avoidant-cycle", "what-secure-feels-like",
	"partner-decoding", "partner-repair", "partner-boundaries", "partner-baseline", "partner-help",
	"more-help",
}

// MaxGrade is the highest Flesch–Kincaid grade a lesson or the FAQ may
// have (VOICE.md: grade 8 or lower).
const MaxGrade = 8.0

func TestEveryTopicHasALesson(t *testing.T) {
	lib := load(t)
	for _, slug := range topics {
		if _, ok := lib.Lesson(slug); !ok {
			t.Errorf("no lesson %s", slug)
		}
	}
	if n := len(lib.InPillar(PillarPartner)); n < 3 {
		t.Errorf("the partner guide has %d lessons, want several", n)
	}
	for _, p := range Pillars() {
		if len(lib.InPillar(p.ID)) == 0 {
			t.Errorf("pillar %s has no lesson", p.ID)
		}
	}
}

// TestLessonsReadWell holds every lesson to the editorial rules: 3–6
// minutes at WordsPerMinute (600–1,200 words), grade 8 or lower, a
// practice at the end, references that the text cites.
func TestLessonsReadWell(t *testing.T) {
	for _, l := range load(t).Lessons() {
		if l.Stats.Words < 3*WordsPerMinute || l.Stats.Words > 6*WordsPerMinute {
			t.Errorf("%s: %d words; a lesson reads in 3 to 6 minutes, %d to %d words", l.Slug, l.Stats.Words, 3*WordsPerMinute, 6*WordsPerMinute)
		}
		if l.Minutes < 3 || l.Minutes > 6 {
			t.Errorf("%s: %d minutes", l.Slug, l.Minutes)
		}
		if g := l.Stats.Grade(); g > MaxGrade {
			t.Errorf("%s: reading grade %.1f, over %.0f: shorter sentences, plainer words", l.Slug, g, MaxGrade)
		}
		checkCitations(t, l)
	}
}

// citation matches an in-text citation: (Bowlby, 1969), (Mikulincer and
// Shaver, 2016), (Ainsworth and others, 1978), (van der Kolk, 2014).
var citation = regexp.MustCompile(`\(((?:van der )?[A-Z][\p{L}-]+)(?: and (?:others|[A-Z][\p{L}-]+))?, (\d{4})\)`)

// checkCitations checks that every reference is cited in the text and
// every citation in the text names a reference, author and year.
func checkCitations(t *testing.T, l Lesson) {
	t.Helper()
	text := strings.Join(strings.Fields(string(l.HTML)), " ")
	cited := map[int]bool{}
	for _, m := range citation.FindAllStringSubmatch(text, -1) {
		found := false
		for i, r := range l.References {
			if strings.Contains(r.Authors, m[1]) && strings.HasSuffix(m[0], m[2]+")") && itoa(r.Year) == m[2] {
				cited[i], found = true, true
			}
		}
		if !found {
			t.Errorf("%s: the text cites %s but the references do not list it", l.Slug, m[0])
		}
	}
	for i, r := range l.References {
		if !cited[i] {
			t.Errorf("%s: the reference %s is never cited in the text", l.Slug, r)
		}
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestFAQ(t *testing.T) {
	f := load(t).FAQ()
	if len(f.Questions) < 15 {
		t.Errorf("%d questions, want at least 15", len(f.Questions))
	}
	for _, q := range f.Questions {
		if len(q.Links) == 0 {
			t.Errorf("%q: every answer links to a lesson or a tool", q.Question)
		}
		if !strings.HasSuffix(q.Question, "?") {
			t.Errorf("%q is not a question", q.Question)
		}
	}
	if g := f.Stats.Grade(); g > MaxGrade {
		t.Errorf("the FAQ reads at grade %.1f", g)
	}
	for _, want := range []string{"is-this-a-diagnosis", "can-attachment-style-change", "how-long-does-it-take",
		"what-if-my-partner-is-avoidant", "is-it-my-fault", "should-i-leave-my-relationship", "is-the-app-a-therapist",
		"what-happens-to-my-data"} {
		found := false
		for _, q := range f.Questions {
			found = found || q.ID == want
		}
		if !found {
			t.Errorf("the FAQ has no question %s", want)
		}
	}
}

func TestLibraryOrderAndLookups(t *testing.T) {
	lib := load(t)
	ls := lib.Lessons()
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		if pillarIndex(a.Pillar) > pillarIndex(b.Pillar) || a.Pillar == b.Pillar && a.Order >= b.Order {
			t.Errorf("%s comes before %s", a.Slug, b.Slug)
		}
		if next, ok := lib.Next(a.Slug); !ok || next.Slug != b.Slug {
			t.Errorf("Next(%s) = %s, want %s", a.Slug, next.Slug, b.Slug)
		}
	}
	if _, ok := lib.Next(ls[len(ls)-1].Slug); ok {
		t.Error("the last lesson has a next one")
	}
	if _, ok := lib.Lesson("no-such-lesson"); ok {
		t.Error("found a lesson that does not exist")
	}
	paths := lib.Paths()
	if len(paths) != len(ls)+2 || paths[0] != "/learn" || paths[1] != "/learn/faq" {
		t.Errorf("paths: %v", paths)
	}
	// What Lessons and FAQ return is a copy: changing it changes nothing.
	ls[0].Title = "changed"
	f := lib.FAQ()
	f.Questions[0].Question = "changed"
	if lib.Lessons()[0].Title == "changed" || lib.FAQ().Questions[0].Question == "changed" {
		t.Error("the library shares its slices with callers")
	}
}

const goodLesson = `---
title: A lesson
summary: One line.
pillar: body
order: 1
minutes: 1
practice: /body/breathe
practice_label: Breathe
references:
  - John Bowlby | 1969 | Attachment and Loss, Vol. 1: Attachment | Basic Books
---

Some text with a [link](/body) (Bowlby, 1969).

## Try this

Breathe out slowly.
`

const goodFAQ = `---
title: Questions
summary: Answers.
---

## Is this a diagnosis?

No. See [a lesson](/learn/a-lesson) and [this](/learn/faq#is-this-a-diagnosis).
`

func lessonFS(lesson string) fstest.MapFS {
	return fstest.MapFS{
		"lessons/a-lesson.md": {Data: []byte(lesson)},
		"faq.md":              {Data: []byte(goodFAQ)},
	}
}

func TestParseGood(t *testing.T) {
	lib, err := Parse(lessonFS(goodLesson), func(p string) bool { return p == "/body" || p == "/body/breathe" })
	if err != nil {
		t.Fatal(err)
	}
	l, ok := lib.Lesson("a-lesson")
	if !ok || l.Title != "A lesson" || l.Practice != "/body/breathe" || len(l.References) != 1 ||
		l.References[0].Year != 1969 || l.References[0].Authors != "John Bowlby" {
		t.Fatalf("lesson: %+v", l)
	}
	if !strings.Contains(string(l.HTML), `<a href="/body">link</a>`) || !strings.Contains(string(l.HTML), "<h2>Try this</h2>") {
		t.Errorf("html: %s", l.HTML)
	}
	if got := l.References[0].String(); got != "John Bowlby (1969). Attachment and Loss, Vol. 1: Attachment. Basic Books." {
		t.Errorf("reference: %s", got)
	}
}

// TestParseRefuses: every broken rule stops the load and names the file.
func TestParseRefuses(t *testing.T) {
	swap := func(old, new string) string {
		if !strings.Contains(goodLesson, old) {
			t.Fatalf("no %q in the good lesson", old)
		}
		return strings.Replace(goodLesson, old, new, 1)
	}
	for _, c := range []struct {
		name, lesson, want string
		faq                string
	}{
		{"missing title", swap("title: A lesson\n", ""), "missing title", ""},
		{"missing summary", swap("summary: One line.\n", ""), "missing summary", ""},
		{"missing pillar", swap("pillar: body\n", ""), "missing pillar", ""},
		{"missing minutes", swap("minutes: 1\n", ""), "missing minutes", ""},
		{"missing practice", swap("practice: /body/breathe\n", ""), "missing practice", ""},
		{"missing practice label", swap("practice_label: Breathe\n", ""), "missing practice_label", ""},
		{"missing references", swap("references:\n  - John Bowlby | 1969 | Attachment and Loss, Vol. 1: Attachment | Basic Books\n", ""), "missing references", ""},
		{"empty references", swap("  - John Bowlby | 1969 | Attachment and Loss, Vol. 1: Attachment | Basic Books\n", ""), "missing references", ""},
		{"bad pillar", swap("pillar: body", "pillar: mind"), `pillar "mind" is not one of`, ""},
		{"unknown key", swap("order: 1", "order: 1\nrefrences: x"), `unknown front matter key "refrences"`, ""},
		{"duplicate key", swap("order: 1", "order: 1\norder: 2"), "appears twice", ""},
		{"minutes wrong", swap("minutes: 1", "minutes: 4"), "minutes says 4", ""},
		{"minutes not a number", swap("minutes: 1", "minutes: soon"), "minutes must be a whole number", ""},
		{"practice not a route", swap("practice: /body/breathe", "practice: /beliefs/scripts"), "is not a tool of the app", ""},
		{"practice off site", swap("practice: /body/breathe", "practice: https://example.com/"), "leaves the app", ""},
		{"practice is a lesson", swap("practice: /body/breathe", "practice: /learn/a-lesson"), "is not a tool of the app", ""},
		{"tool planned off site", swap("order: 1", "order: 1\ntool_planned: //example.com"), "leaves the app", ""},
		{"tool planned is the practice", swap("order: 1", "order: 1\ntool_planned: /body/breathe"), "drop tool_planned", ""},
		{"bad reference", swap("| 1969 |", "| soon |"), "is not a year", ""},
		{"short reference", swap(" | Basic Books", ""), "Authors | Year | Title | Publisher", ""},
		{"link not a route", swap("(/body)", "(/nowhere)"), `"/nowhere" is not a page of the app`, ""},
		{"link to a missing lesson", swap("(/body)", "(/learn/nope)"), "names no lesson", ""},
		{"link to a missing question", swap("(/body)", "(/learn/faq#nope)"), "names no question", ""},
		{"link off site", swap("(/body)", "(https://example.com)"), "leaves the app", ""},
		{"bare address", swap("Some text", "See <https://example.com>"), "bare address", ""},
		{"raw html", swap("Some text", "<script>alert(1)</script>\n\nSome text"), "raw HTML", ""},
		{"inline html", swap("Some text", "Some <b>bold</b> text"), "raw HTML", ""},
		{"image", swap("Some text", "![x](/static/icon.svg) Some text"), "images", ""},
		{"h1 in the body", swap("## Try this", "# Try this"), "level-1 heading", ""},
		{"skipped heading level", swap("## Try this", "### Try this"), "level-3 heading", ""},
		{"no practice section", swap("## Try this", "## Something else"), "Try this", ""},
		{"no front matter", strings.TrimPrefix(goodLesson, "---\n"), "must begin with", ""},
		{"unclosed front matter", strings.Replace(goodLesson, "---\n\nSome", "\nSome", 1), "no closing line", ""},
		{"faq without questions", goodLesson, "no questions", "---\ntitle: Q\nsummary: A\n---\n\nJust text.\n"},
		{"faq missing title", goodLesson, "missing title", "---\nsummary: A\n---\n\n## Why?\n\nBecause [x](/body).\n"},
		{"faq question twice", goodLesson, "taken", "---\ntitle: Q\nsummary: A\n---\n\n## Why?\n\nA.\n\n## Why?\n\nB.\n"},
		{"faq empty answer", goodLesson, "has no answer", "---\ntitle: Q\nsummary: A\n---\n\n## Why?\n"},
		{"faq bad link", goodLesson, "is not a page", "---\ntitle: Q\nsummary: A\n---\n\n## Why?\n\nSee [x](/nowhere).\n"},
	} {
		fsys := lessonFS(c.lesson)
		if c.faq != "" {
			fsys["faq.md"] = &fstest.MapFile{Data: []byte(c.faq)}
		}
		_, err := Parse(fsys, func(p string) bool { return p == "/body" || p == "/body/breathe" })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
}

func TestParseRefusesFiles(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no lessons":       {"faq.md": {Data: []byte(goodFAQ)}},
		"no faq":           {"lessons/a-lesson.md": {Data: []byte(goodLesson)}},
		"bad slug":         {"lessons/A Lesson.md": {Data: []byte(goodLesson)}, "faq.md": {Data: []byte(goodFAQ)}},
		"slug faq":         {"lessons/faq.md": {Data: []byte(goodLesson)}, "faq.md": {Data: []byte(goodFAQ)}},
		"same order twice": {"lessons/a-lesson.md": {Data: []byte(goodLesson)}, "lessons/b.md": {Data: []byte(goodLesson)}, "faq.md": {Data: []byte(goodFAQ)}},
	} {
		if _, err := Parse(fsys, anyRoute); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Parse(lessonFS(goodLesson), nil); err == nil {
		t.Error("a nil route check was accepted")
	}
}

// TestEmbeddedFilesAreAllLoaded: a file in lessons/ that is not a
// Markdown file would be skipped in silence; there must be none.
func TestEmbeddedFilesAreAllLoaded(t *testing.T) {
	all, err := fs.ReadDir(files, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(load(t).Lessons()); n != len(all) {
		t.Errorf("%d files in lessons/, %d lessons loaded", len(all), n)
	}
}
