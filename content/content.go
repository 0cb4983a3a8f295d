// Package content is what Secure Base gives people to read: the Learn
// lessons (H1) and the questions people ask (H2), kept as Markdown files
// embedded in the binary.
//
// Each lesson is a file in lessons/ named for its slug, with front matter
// (title, summary, pillar, order, minutes, practice, practice_label,
// references, and tool_planned while its best tool is still to come)
// above a Markdown body that ends in a "Try this" section. The questions
// are faq.md, one "## " heading per question. Adding a lesson is adding a
// file: [Load] finds it, checks it and renders it.
//
// Everything is parsed, checked and rendered once, in [Load], at start;
// handlers only look things up. A file that breaks a rule (a missing or
// unknown field, a pillar that does not exist, a minutes figure its
// length does not bear out, a link to a page the app does not have) stops
// the load with an error that names the file, so it can never reach a
// reader.
//
// The package is pure: no network, no database, no other package of the
// project. It does not know the route table; the caller passes [IsRoute].
package content

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
)

// files holds the lessons and the questions. It is the only package-level
// variable, and it is read-only.
//
//go:embed lessons/*.md faq.md
var files embed.FS

// The pillars a lesson can belong to, in the order the Learn page lists
// them: first what anxious attachment is, then the program's three
// pillars in their order (body, beliefs, behaviour), then the guide for a
// secure partner, then help beyond the app.
const (
	PillarStart     = "start"
	PillarBody      = "body"
	PillarBeliefs   = "beliefs"
	PillarBehaviour = "behaviour"
	PillarPartner   = "partner"
	PillarHelp      = "help"
)

// A Pillar is one group of lessons on the Learn page.
type Pillar struct {
	ID, Title, Lead string
}

// Pillars returns the groups of lessons in reading order.
func Pillars() []Pillar {
	return []Pillar{
		{PillarStart, "Start here", "What anxious attachment is, where it comes from, and how the program is ordered."},
		{PillarBody, "Body", "Why your body reacts first, and why calming it comes before anything else."},
		{PillarBeliefs, "Beliefs", "The old stories under the fear, and how they slowly loosen."},
		{PillarBehaviour, "Behaviour", "What the fear makes you do, and what secure relating looks like."},
		{PillarPartner, "For the secure partner", "Short lessons for the person beside someone with anxious attachment."},
		{PillarHelp, "More help", "When a book and an app are not enough, and what to look for."},
	}
}

func pillarIndex(id string) int {
	return slices.IndexFunc(Pillars(), func(p Pillar) bool { return p.ID == id })
}

// A Reference is one work a lesson draws on.
type Reference struct {
	Authors   string // "Bowlby, J." or "Levine, A., & Heller, R. S. F."
	Year      int
	Title     string
	Publisher string
}

// String formats the reference in the author–date style: Bowlby, J.
// (1969). Attachment and Loss, Vol. 1: Attachment. Basic Books.
func (r Reference) String() string {
	return fmt.Sprintf("%s (%d). %s. %s.", r.Authors, r.Year, r.Title, r.Publisher)
}

// A Lesson is one short read, rendered.
type Lesson struct {
	Slug    string // from the file name: /learn/{slug}
	Title   string
	Summary string // one sentence for the list
	Pillar  string
	Order   int // place within its pillar
	Minutes int // to read, at WordsPerMinute; checked against Stats
	// Practice is the tool the lesson's "Try this" points to: a path of a
	// page that exists now. PracticeLabel is the button's words.
	Practice      string
	PracticeLabel string
	// ToolPlanned is the page the practice belongs on once it is built
	// (a planned path such as /beliefs/scripts), or "". When that page
	// lands, Practice moves to it and this field goes.
	ToolPlanned string
	References  []Reference
	HTML        template.HTML // the body, rendered once
	Stats       Stats
	Links       []string // every link in the body
}

// A Question is one entry of the FAQ.
type Question struct {
	ID       string // an anchor made from the question: "is-this-a-diagnosis"
	Question string
	Answer   template.HTML
	Links    []string
}

// FAQ is the page of common questions.
type FAQ struct {
	Title, Summary string
	Intro          template.HTML
	Questions      []Question
	Stats          Stats
}

// Library is every lesson and the FAQ, loaded once and read-only after.
type Library struct {
	lessons []Lesson // in reading order: by pillar, then by order
	bySlug  map[string]int
	faq     FAQ
}

// IsRoute reports whether a path (without query or fragment) is a page
// the app serves to GET. The web package answers from its route table.
type IsRoute func(path string) bool

// Load reads the lessons and questions built into the binary.
func Load(isRoute IsRoute) (*Library, error) {
	return Parse(files, isRoute)
}

// lessonKeys are the front matter keys of a lesson; all but tool_planned
// are required.
var lessonKeys = []string{"title", "summary", "pillar", "order", "minutes", "practice", "practice_label", "tool_planned", "references"}

// Parse reads lessons/*.md and faq.md from fsys, checks every rule in the
// package comment, and renders them. isRoute decides which links are
// pages of the app; it must not be nil.
func Parse(fsys fs.FS, isRoute IsRoute) (*Library, error) {
	if isRoute == nil {
		return nil, fmt.Errorf("content: Parse needs a route check")
	}
	md := newMarkdown()
	lib := &Library{bySlug: map[string]int{}}
	names, err := fs.Glob(fsys, "lessons/*.md")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("content: no lessons in lessons/")
	}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		l, err := parseLesson(md, strings.TrimSuffix(path.Base(name), ".md"), src)
		if err != nil {
			return nil, fmt.Errorf("content: %s: %w", name, err)
		}
		lib.lessons = append(lib.lessons, l)
	}
	slices.SortFunc(lib.lessons, func(a, b Lesson) int {
		if d := pillarIndex(a.Pillar) - pillarIndex(b.Pillar); d != 0 {
			return d
		}
		return a.Order - b.Order
	})
	for i, l := range lib.lessons {
		if i > 0 && lib.lessons[i-1].Pillar == l.Pillar && lib.lessons[i-1].Order == l.Order {
			return nil, fmt.Errorf("content: lessons %s and %s both have order %d in %s", lib.lessons[i-1].Slug, l.Slug, l.Order, l.Pillar)
		}
		lib.bySlug[l.Slug] = i
	}
	src, err := fs.ReadFile(fsys, "faq.md")
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if lib.faq, err = parseFAQ(md, src); err != nil {
		return nil, fmt.Errorf("content: faq.md: %w", err)
	}
	if err := lib.checkLinks(isRoute); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return lib, nil
}

func parseLesson(md goldmark.Markdown, slug string, src []byte) (Lesson, error) {
	l := Lesson{Slug: slug}
	if !validSlug(slug) || slug == "faq" {
		return l, fmt.Errorf("the file name must be a slug of lower-case letters, digits and hyphens, and not \"faq\"")
	}
	fm, body, err := splitFrontMatter(src)
	if err != nil {
		return l, err
	}
	if err := fm.only(lessonKeys...); err != nil {
		return l, err
	}
	for _, f := range []struct {
		key string
		to  *string
	}{{"title", &l.Title}, {"summary", &l.Summary}, {"pillar", &l.Pillar}, {"practice", &l.Practice}, {"practice_label", &l.PracticeLabel}} {
		if *f.to, err = fm.need(f.key); err != nil {
			return l, err
		}
	}
	l.ToolPlanned = fm.fields["tool_planned"]
	if pillarIndex(l.Pillar) < 0 {
		var ids []string
		for _, p := range Pillars() {
			ids = append(ids, p.ID)
		}
		return l, fmt.Errorf("pillar %q is not one of %s", l.Pillar, strings.Join(ids, ", "))
	}
	if l.Order, err = positive(fm, "order"); err != nil {
		return l, err
	}
	if l.Minutes, err = positive(fm, "minutes"); err != nil {
		return l, err
	}
	if err := localLink(l.Practice); err != nil {
		return l, fmt.Errorf("practice: %w", err)
	}
	if l.ToolPlanned != "" {
		if err := localLink(l.ToolPlanned); err != nil {
			return l, fmt.Errorf("tool_planned: %w", err)
		}
		if l.ToolPlanned == l.Practice {
			return l, fmt.Errorf("tool_planned is the practice itself: drop tool_planned")
		}
	}
	refs, ok := fm.lists["references"]
	if !ok || len(refs) == 0 {
		return l, fmt.Errorf("front matter is missing references (a list: - Authors | Year | Title | Publisher)")
	}
	for _, r := range refs {
		ref, err := parseReference(r)
		if err != nil {
			return l, err
		}
		l.References = append(l.References, ref)
	}
	r, err := render(md, body)
	if err != nil {
		return l, err
	}
	if len(r.headings) == 0 || r.headings[len(r.headings)-1] != "Try this" {
		return l, fmt.Errorf("the lesson must end in a section headed \"## Try this\"")
	}
	l.HTML, l.Links, l.Stats = r.html, r.links, measure(r.blocks)
	if got := l.Stats.Minutes(); got != l.Minutes {
		return l, fmt.Errorf("minutes says %d, but %d words read in %d at %d words a minute", l.Minutes, l.Stats.Words, got, WordsPerMinute)
	}
	return l, nil
}

func positive(fm frontMatter, key string) (int, error) {
	v, err := fm.need(key)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1000 {
		return 0, fmt.Errorf("%s must be a whole number from 1 to 1000, not %q", key, v)
	}
	return n, nil
}

// parseReference reads "Authors | Year | Title | Publisher".
func parseReference(s string) (Reference, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		return Reference{}, fmt.Errorf("reference %q: write it as Authors | Year | Title | Publisher", s)
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
		if parts[i] == "" {
			return Reference{}, fmt.Errorf("reference %q: a part is empty", s)
		}
	}
	year, err := strconv.Atoi(parts[1])
	if err != nil || year < 1900 || year > 2100 {
		return Reference{}, fmt.Errorf("reference %q: %q is not a year", s, parts[1])
	}
	return Reference{Authors: parts[0], Year: year, Title: parts[2], Publisher: parts[3]}, nil
}

func validSlug(s string) bool {
	if s == "" || len(s) > 80 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// parseFAQ reads faq.md: front matter (title, summary), an optional
// introduction, then one "## " heading per question with its answer below.
func parseFAQ(md goldmark.Markdown, src []byte) (FAQ, error) {
	var f FAQ
	fm, body, err := splitFrontMatter(src)
	if err != nil {
		return f, err
	}
	if err := fm.only("title", "summary"); err != nil {
		return f, err
	}
	if f.Title, err = fm.need("title"); err != nil {
		return f, err
	}
	if f.Summary, err = fm.need("summary"); err != nil {
		return f, err
	}
	chunks := strings.Split("\n"+string(body), "\n## ")
	intro, err := render(md, []byte(chunks[0]))
	if err != nil {
		return f, err
	}
	if len(intro.headings) > 0 || len(intro.links) > 0 {
		return f, fmt.Errorf("the introduction holds a heading or a link: keep it to plain sentences")
	}
	f.Intro = intro.html
	blocks := intro.blocks
	seen := map[string]bool{}
	for _, chunk := range chunks[1:] {
		raw, answer, _ := strings.Cut(chunk, "\n")
		// The question goes through Markdown too, for the same quotes and
		// dashes as the answers; it is kept as text.
		head, err := render(md, []byte(raw))
		if err != nil || len(head.blocks) != 1 || len(head.links) > 0 {
			return f, fmt.Errorf("%q: a question is one line of plain text", strings.TrimSpace(raw))
		}
		q := head.blocks[0].text
		r, err := render(md, []byte(answer))
		if err != nil {
			return f, fmt.Errorf("%q: %w", q, err)
		}
		if len(r.headings) > 0 {
			return f, fmt.Errorf("%q: an answer has no headings of its own", q)
		}
		if len(r.blocks) == 0 {
			return f, fmt.Errorf("%q has no answer", q)
		}
		id := anchor(q)
		if id == "" || seen[id] {
			return f, fmt.Errorf("%q: its anchor %q is empty or taken", q, id)
		}
		seen[id] = true
		f.Questions = append(f.Questions, Question{ID: id, Question: q, Answer: r.html, Links: r.links})
		blocks = append(blocks, block{text: q, heading: true})
		blocks = append(blocks, r.blocks...)
	}
	if len(f.Questions) == 0 {
		return f, fmt.Errorf("no questions: each begins with a line \"## Question?\"")
	}
	f.Stats = measure(blocks)
	return f, nil
}

// anchor makes a fragment id from a question: lower case, letters and
// digits, words joined by hyphens.
func anchor(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

// checkLinks checks every link the library holds: a lesson or a question
// of the FAQ by its address, any other page with isRoute.
func (lib *Library) checkLinks(isRoute IsRoute) error {
	questions := map[string]bool{}
	for _, q := range lib.faq.Questions {
		questions[q.ID] = true
	}
	check := func(where, link string) error {
		u, err := url.Parse(link)
		if err != nil {
			return fmt.Errorf("%s: the link %q does not parse", where, link)
		}
		switch rest, learn := strings.CutPrefix(u.Path, "/learn/"); {
		case u.Path == "/learn":
		case learn && rest == "faq":
			if u.Fragment != "" && !questions[u.Fragment] {
				return fmt.Errorf("%s: the link %q names no question of the FAQ", where, link)
			}
		case learn:
			if _, ok := lib.bySlug[rest]; !ok {
				return fmt.Errorf("%s: the link %q names no lesson", where, link)
			}
		case !isRoute(u.Path):
			return fmt.Errorf("%s: the link %q is not a page of the app", where, link)
		}
		return nil
	}
	for _, l := range lib.lessons {
		if strings.HasPrefix(l.Practice, "/learn") || !isRoute(strings.SplitN(l.Practice, "?", 2)[0]) {
			return fmt.Errorf("lesson %s: practice %q is not a tool of the app", l.Slug, l.Practice)
		}
		for _, link := range l.Links {
			if err := check("lesson "+l.Slug, link); err != nil {
				return err
			}
		}
	}
	for _, q := range lib.faq.Questions {
		for _, link := range q.Links {
			if err := check("question "+q.ID, link); err != nil {
				return err
			}
		}
	}
	return nil
}

// Lessons returns every lesson in reading order.
func (lib *Library) Lessons() []Lesson { return slices.Clone(lib.lessons) }

// InPillar returns the lessons of one pillar in order.
func (lib *Library) InPillar(id string) []Lesson {
	var out []Lesson
	for _, l := range lib.lessons {
		if l.Pillar == id {
			out = append(out, l)
		}
	}
	return out
}

// Lesson returns the lesson with the given slug.
func (lib *Library) Lesson(slug string) (Lesson, bool) {
	i, ok := lib.bySlug[slug]
	if !ok {
		return Lesson{}, false
	}
	return lib.lessons[i], true
}

// Next returns the lesson after slug in reading order, if there is one.
func (lib *Library) Next(slug string) (Lesson, bool) {
	i, ok := lib.bySlug[slug]
	if !ok || i+1 >= len(lib.lessons) {
		return Lesson{}, false
	}
	return lib.lessons[i+1], true
}

// FAQ returns the questions page.
func (lib *Library) FAQ() FAQ {
	f := lib.faq
	f.Questions = slices.Clone(f.Questions)
	return f
}

// Paths returns the address of every page of Learn: the list, the FAQ and
// each lesson, for the offline worker to keep.
func (lib *Library) Paths() []string {
	out := []string{"/learn", "/learn/faq"}
	for _, l := range lib.lessons {
		out = append(out, "/learn/"+l.Slug)
	}
	return out
}
