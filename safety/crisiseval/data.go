// Package crisiseval measures the crisis-language check (feature G2,
// safety.Detector) on real and fresh writing: psychiatrist-labelled Reddit
// users (C-SSRS), ordinary emotional comments (GoEmotions), our own journal
// set, and pronoun symmetry. It is a measuring tool for developers, used by
// `make crisis-eval` and by a quick test in CI; the app never imports it.
//
// Every proportion is reported with a 95% Wilson interval and every AUC
// with a percentile bootstrap interval (and the Hanley–McNeil one beside
// it), so a reader can tell a real change from noise.
package crisiseval

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// User is one C-SSRS user: the psychiatrists' label and every post.
type User struct {
	ID    string
	Label string // Supportive, Indicator, Ideation, Behavior or Attempt
	Posts []string
}

// Crisis reports whether the label counts as a positive for recall and
// AUC: Ideation, Behavior and Attempt.
func (u User) Crisis() bool {
	switch u.Label {
	case "Ideation", "Behavior", "Attempt":
		return true
	}
	return false
}

// Labels is the C-SSRS scale in order of severity.
var Labels = []string{"Supportive", "Indicator", "Ideation", "Behavior", "Attempt"}

// LoadCSSRS reads cssrs-dev/dev.csv (columns User, Post, Label). Post is
// a Python list literal of strings; see ParsePostList for how truncated
// cells are read.
func LoadCSSRS(dir string) ([]User, error) {
	path := filepath.Join(dir, "cssrs-dev", "dev.csv")
	f, err := os.Open(path) // #nosec G304 -- a data folder named by the developer running the evaluation
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, need := range []string{"User", "Post", "Label"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %s column", path, need)
		}
	}
	var users []User
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		posts, err := ParsePostList(rec[col["Post"]])
		if err != nil {
			return nil, fmt.Errorf("%s: user %s: %w", path, rec[col["User"]], err)
		}
		users = append(users, User{ID: rec[col["User"]], Label: rec[col["Label"]], Posts: posts})
	}
	if len(users) == 0 {
		return nil, fmt.Errorf("%s: no users", path)
	}
	return users, nil
}

// ParsePostList reads a Python list literal of strings, such as
// ['one', "it's two"]. Seven cells of the release were cut at 32,759
// characters (a spreadsheet's limit), mid-string: the cut string is kept
// as far as it goes, since it is still real writing.
func ParsePostList(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") {
		return nil, errors.New("post list does not start with [")
	}
	var out []string
	var b strings.Builder
	for i := 1; i < len(s); {
		q := s[i]
		if q != '\'' && q != '"' {
			i++ // separators, spaces and the closing bracket
			continue
		}
		b.Reset()
		i++
		for i < len(s) && s[i] != q {
			if s[i] == '\\' && i+1 < len(s) {
				switch e := s[i+1]; e {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case '\\', '\'', '"':
					b.WriteByte(e)
				default:
					b.WriteByte('\\')
					b.WriteByte(e)
				}
				i += 2
				continue
			}
			b.WriteByte(s[i])
			i++
		}
		out = append(out, b.String())
		i++ // the closing quote, or past the end of a cut cell
	}
	return out, nil
}

// Comment is one GoEmotions comment with its emotion labels.
type Comment struct {
	Text     string
	Emotions []string
}

// Has reports whether the comment carries the emotion.
func (c Comment) Has(emotion string) bool {
	for _, e := range c.Emotions {
		if e == emotion {
			return true
		}
	}
	return false
}

// LoadGoEmotions reads the train, dev and test splits of goemotions/
// (text TAB label ids TAB comment id), naming labels from labels.txt.
func LoadGoEmotions(dir string, splits ...string) ([]Comment, error) {
	base := filepath.Join(dir, "goemotions")
	raw, err := os.ReadFile(filepath.Join(base, "labels.txt")) // #nosec G304 -- as above
	if err != nil {
		return nil, err
	}
	names := strings.Fields(string(raw))
	if len(splits) == 0 {
		splits = []string{"train", "dev", "test"}
	}
	var out []Comment
	for _, split := range splits {
		cs, err := readSplit(filepath.Join(base, split+".tsv"), names)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// readSplit reads one GoEmotions file: text TAB label ids TAB comment id.
func readSplit(path string, names []string) ([]Comment, error) {
	f, err := os.Open(path) // #nosec G304 -- a data folder named by the developer running the evaluation
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Comment
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 fields, got %d", path, n, len(parts))
		}
		c := Comment{Text: parts[0]}
		for _, id := range strings.Split(parts[1], ",") {
			k, err := strconv.Atoi(id)
			if err != nil || k < 0 || k >= len(names) {
				return nil, fmt.Errorf("%s:%d: bad label %q", path, n, id)
			}
			c.Emotions = append(c.Emotions, names[k])
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Entry is one entry of the fresh journal set.
type Entry struct {
	ID    string `json:"id"`
	Label string `json:"label"` // crisis or other
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

// Crisis reports whether the entry is labelled crisis.
func (e Entry) Crisis() bool { return e.Label == "crisis" }

// LoadJournal reads the fresh journal set (JSON lines).
func LoadJournal(path string) ([]Entry, error) {
	f, err := os.Open(path) // #nosec G304 -- as above
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if e.ID == "" || e.Text == "" || (e.Label != "crisis" && e.Label != "other") {
			return nil, fmt.Errorf("%s:%d: want id, text and label crisis or other", path, n)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// WithoutApostrophes returns the entries with every apostrophe removed
// ("I'll" → "Ill", "don’t" → "dont"), the way many people type on a
// phone: the same set read as it is often written (docs/safety.md, round
// 21). es is not changed.
func WithoutApostrophes(es []Entry) []Entry {
	strip := strings.NewReplacer("'", "", "’", "", "‘", "")
	out := slices.Clone(es)
	for i := range out {
		out[i].Text = strip.Replace(out[i].Text)
	}
	return out
}

// Sentences splits text at ., ! and ? followed by a space, the way the
// journal set's lengths are counted. It is only for reporting by length.
func Sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
