package content

import (
	"bytes"
	"fmt"
	"strings"
)

// frontMatter is the block of "key: value" lines between two "---" lines
// at the top of a file. The format is a small, strict subset of YAML, so
// a typo fails at load instead of dropping a field in silence:
//
//	---
//	title: How anxious attachment forms
//	minutes: 4
//	references:
//	  - Bowlby, J. | 1969 | Attachment and Loss, Vol. 1: Attachment | Basic Books
//	---
//
// Keys are lower case; each appears once. A key with an empty value opens
// a list, whose items are the following "- " lines. Values are taken as
// written, with surrounding spaces trimmed; a value wrapped in double
// quotes loses them, so a title with a colon can be written either way.
type frontMatter struct {
	fields map[string]string
	lists  map[string][]string
	order  []string // keys in the order they appear, for error messages
}

// maxFrontMatter bounds the block, so a file without a closing line
// cannot make the parser hold the whole file as front matter.
const maxFrontMatter = 8 << 10

// splitFrontMatter parses the front matter of src and returns it with the
// Markdown body after it.
func splitFrontMatter(src []byte) (frontMatter, []byte, error) {
	fm := frontMatter{fields: map[string]string{}, lists: map[string][]string{}}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // a byte-order mark some editors add
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return fm, nil, fmt.Errorf("the file must begin with a front matter line: ---")
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		if h, found := bytes.CutSuffix(rest, []byte("\n---")); found {
			head, body, ok = h, nil, true
		}
	}
	if !ok || len(head) > maxFrontMatter {
		return fm, nil, fmt.Errorf("the front matter has no closing line: ---")
	}
	list := ""
	for i, line := range strings.Split(string(head), "\n") {
		n := i + 2 // the line number in the file: the opening --- is line 1
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if item, isItem := strings.CutPrefix(strings.TrimSpace(line), "- "); isItem {
			if list == "" {
				return fm, nil, fmt.Errorf("line %d: a list item outside a list", n)
			}
			item = strings.TrimSpace(item)
			if item == "" {
				return fm, nil, fmt.Errorf("line %d: an empty list item", n)
			}
			fm.lists[list] = append(fm.lists[list], item)
			continue
		}
		if line != strings.TrimLeft(line, " \t") {
			return fm, nil, fmt.Errorf("line %d: an indented line that is not a list item (\"- \")", n)
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return fm, nil, fmt.Errorf("line %d: expected \"key: value\"", n)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if !validKey(key) {
			return fm, nil, fmt.Errorf("line %d: %q is not a key (lower-case letters and _)", n, key)
		}
		if _, dup := fm.fields[key]; dup {
			return fm, nil, fmt.Errorf("line %d: %s appears twice", n, key)
		}
		if _, dup := fm.lists[key]; dup {
			return fm, nil, fmt.Errorf("line %d: %s appears twice", n, key)
		}
		fm.order = append(fm.order, key)
		if value == "" {
			list = key
			fm.lists[key] = nil
			continue
		}
		list = ""
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = strings.TrimSpace(value[1 : len(value)-1])
			if value == "" {
				return fm, nil, fmt.Errorf("line %d: %s is empty", n, key)
			}
		}
		fm.fields[key] = value
	}
	return fm, body, nil
}

func validKey(k string) bool {
	if k == "" || len(k) > 40 {
		return false
	}
	for _, r := range k {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// only reports the first key that is not in allowed, so a misspelt key
// ("refrences") fails instead of being ignored.
func (fm frontMatter) only(allowed ...string) error {
	for _, k := range fm.order {
		found := false
		for _, a := range allowed {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("unknown front matter key %q (known: %s)", k, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// need returns a required single value.
func (fm frontMatter) need(key string) (string, error) {
	v, ok := fm.fields[key]
	if !ok || v == "" {
		if _, isList := fm.lists[key]; isList {
			return "", fmt.Errorf("front matter %s must be a single value, not a list", key)
		}
		return "", fmt.Errorf("front matter is missing %s", key)
	}
	return v, nil
}
