package content

import (
	"math"
	"strings"
	"unicode"
)

// WordsPerMinute is the reading speed behind every "minutes to read": a
// steady, unhurried pace for plain text on a phone. At 200 words a
// minute a 3–6 minute lesson is 600–1,200 words.
const WordsPerMinute = 200

// Stats measure a piece of text for reading time and reading grade.
type Stats struct {
	Words     int // every word a person reads, headings included
	Sentences int // sentences in the graded text
	Syllables int // syllables in the graded text
	Graded    int // words in the graded text (everything but headings)
}

// Minutes is the time to read at WordsPerMinute, rounded to the nearest
// minute and never less than one.
func (s Stats) Minutes() int {
	return max(1, int(math.Round(float64(s.Words)/WordsPerMinute)))
}

// Grade is the Flesch–Kincaid grade level of the graded text:
//
//	0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//
// (Kincaid, Fishburne, Rogers & Chissom, 1975). Grade 8 reads easily for
// most people of 13 and over.
func (s Stats) Grade() float64 {
	if s.Graded == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Graded)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Graded) - 15.59
}

// block is one unit of reading: a paragraph, a list item, a heading. A
// sentence never runs across two blocks, so a list item without a full
// stop still ends its sentence.
type block struct {
	text    string
	heading bool
}

// measure counts words, sentences and syllables in blocks. Headings count
// toward reading time but not toward the grade: a two-word heading is not
// a sentence, and counting it as one would flatter the grade.
func measure(blocks []block) Stats {
	var s Stats
	for _, b := range blocks {
		sentence := 0 // words in the sentence so far
		for _, tok := range strings.FieldsFunc(b.text, isSpaceOrDash) {
			word, ends := trimWord(tok)
			if word == "" {
				continue
			}
			s.Words++
			if b.heading {
				continue
			}
			s.Graded++
			s.Syllables += Syllables(word)
			sentence++
			if ends {
				s.Sentences++
				sentence = 0
			}
		}
		if sentence > 0 {
			s.Sentences++
		}
	}
	return s
}

// isSpaceOrDash splits words at spaces and at dashes between words
// ("now—not later" is three words). A hyphen joins: "fight-or-flight" is
// one word whose syllables are those of its parts.
func isSpaceOrDash(r rune) bool {
	return unicode.IsSpace(r) || r == '—' || r == '–'
}

// trimWord strips the punctuation around a token and reports whether the
// token ends a sentence (. ! or ?, perhaps before a closing quote or
// bracket). A token with no letter or digit is not a word.
func trimWord(tok string) (string, bool) {
	end := strings.TrimRightFunc(tok, func(r rune) bool {
		return strings.ContainsRune("\"'”’)]*_", r)
	})
	ends := strings.HasSuffix(end, ".") || strings.HasSuffix(end, "!") || strings.HasSuffix(end, "?")
	w := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return w, ends && w != ""
}

// Syllables estimates the syllables of an English word by rule, the way
// most readability tools do when they have no dictionary:
//
//  1. Parts joined by hyphens or slashes are counted apart and added up.
//  2. A part made of digits counts one syllable per digit ("4-7-8" is 3).
//  3. Otherwise, lower-case the letters (apostrophes dropped) and count
//     runs of vowels (a, e, i, o, u, and y after the first letter).
//  4. Take one away for a silent final e ("make"), but not for a
//     consonant plus "le" ("gentle") or for "ee" ("free").
//  5. Take one away for "-ed" after anything but t or d ("walked", not
//     "needed"), and for "-es" after anything but s, x, z, ch, sh, c or g
//     ("makes", not "closes" or "changes").
//  6. Add one where two vowels are sounded apart: "ia", "io" and "iu"
//     except in "-tion", "-sion", "-cial", "-tial", "-cious", "-tious"
//     ("via", "period", "radio"), "ea" before a final consonant plus
//     "-ate" ("create"), "ua"/"ue"/"uo" after a consonant other than q and
//     g ("actual", "fluent"), and "eo" ("video").
//  7. Every word has at least one syllable.
//
// The rules are checked against a hand-counted list of the words the
// lessons use (readability_test.go); the test states how often they agree.
func Syllables(word string) int {
	total := 0
	for _, part := range strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '/' }) {
		total += partSyllables(part)
	}
	return max(1, total)
}

func partSyllables(part string) int {
	digits, letters := 0, []rune{}
	for _, r := range strings.ToLower(part) {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters = append(letters, r)
		}
	}
	if len(letters) == 0 {
		return digits
	}
	w := string(letters)
	if n := irregular(w); n > 0 {
		return n
	}
	// Compounds whose first part ends in a letter the rules would misread:
	// "someone" is some + one, "everything" is ev-ery + thing.
	for _, c := range []struct {
		prefix string
		n      int
	}{{"some", 1}, {"every", 2}} {
		if rest, ok := strings.CutPrefix(w, c.prefix); ok && (rest == "" || len(rest) > 1) {
			if rest == "" {
				return c.n
			}
			return c.n + partSyllables(rest)
		}
	}
	vowel := func(i int) bool {
		switch letters[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		case 'y':
			return i > 0 && !isVowel(letters[i-1])
		}
		return false
	}
	n := 0
	for i := range letters {
		if vowel(i) && (i == 0 || !vowel(i-1)) {
			n++
		}
	}
	l := len(letters)
	switch {
	case l > 2 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ie") &&
		!(strings.HasSuffix(w, "le") && !vowel(l-3)) &&
		!(strings.HasSuffix(w, "ue") && !strings.HasSuffix(w, "gue") && !strings.HasSuffix(w, "que")):
		n-- // "make", but not "gentle", "free", "rescue"
	case l > 3 && strings.HasSuffix(w, "ed") && !strings.ContainsRune("td", letters[l-3]) && !isVowel(letters[l-3]):
		n-- // "walked", "stayed", but not "needed", "agreed"
	case l > 3 && strings.HasSuffix(w, "es") && !strings.ContainsRune("sxzcg", letters[l-3]) &&
		!strings.HasSuffix(w, "ches") && !strings.HasSuffix(w, "shes") && !isVowel(letters[l-3]) &&
		!(letters[l-3] == 'l' && l > 4 && !vowel(l-4)):
		n-- // "makes", but not "closes", "changes", "goes", "settles"
	case silentBeforeSuffix(w):
		n-- // "lonely", "careful", "statement"
	}
	n += hiatus(w)
	return max(1, n)
}

// irregular returns the dictionary count of the few words whose syllables
// the rules get wrong and no simple rule gets right, or 0.
func irregular(w string) int {
	switch w {
	case "maybe", "business", "poem", "naive", "rhythm", "baseline":
		return 2
	case "society", "cooperate":
		return 4
	}
	return 0
}

// silentBeforeSuffix reports a silent e kept before a suffix: a vowel, one
// consonant, e, then -ly, -ful, -ment, -ness, -less or -ty ("safely",
// "useful", "movement", "safety").
func silentBeforeSuffix(w string) bool {
	for _, suf := range []string{"ly", "ful", "fully", "ment", "ments", "ness", "less", "ty"} {
		stem, ok := strings.CutSuffix(w, suf)
		l := len(stem)
		if ok && l >= 3 && stem[l-1] == 'e' && !isVowel(rune(stem[l-2])) && stem[l-2] != 'l' && isVowel(rune(stem[l-3])) {
			return true
		}
	}
	return false
}

// hiatus counts places where two vowels next to each other are sounded as
// two syllables (rule 6 of Syllables).
func hiatus(w string) int {
	n := 0
	l := len(w)
	switch {
	case l > 3 && (strings.HasSuffix(w, "ea") || strings.HasSuffix(w, "eas")):
		n++ // "idea", "areas"
	case l > 4 && (strings.HasSuffix(w, "iest") || strings.HasSuffix(w, "ier")) && !isVowel(rune(w[strings.LastIndex(w, "ie")-1])):
		n++ // "easier", "happiest"
	case l > 3 && strings.HasSuffix(w, "ing") && strings.ContainsRune("aeiou", rune(w[l-4])),
		l > 4 && strings.HasSuffix(w, "ying") && !isVowel(rune(w[l-5])):
		n++ // "being", "going", "trying"
	}
	for _, p := range []string{"react", "reass", "creat"} {
		if strings.Contains(w, p) {
			n++ // "reaction", "reassure", "created"
		}
	}
	for i := 0; i+1 < l; i++ {
		a, b, rest := w[i], w[i+1], w[i:]
		prev := byte(0)
		if i > 0 {
			prev = w[i-1]
		}
		switch {
		case a == 'i' && (b == 'a' || b == 'o' || b == 'u'):
			soft := prev != 0 && strings.IndexByte("tcsxg", prev) >= 0 &&
				(strings.HasPrefix(rest, "ion") || strings.HasPrefix(rest, "ial") || strings.HasPrefix(rest, "iou") || strings.HasPrefix(rest, "ian"))
			if strings.HasPrefix(rest, "iour") {
				soft = true // "behaviour"
			}
			if !soft && prev != 0 {
				n++ // "via", "period", "radio"; not "action", "social", "anxious"
			}
		case a == 'i' && b == 'e' && prev != 0 && i+2 < l && (strings.HasPrefix(rest, "ienc") || strings.HasPrefix(rest, "ient") || rest[2] == 't'):
			if (prev == 'c' || prev == 't') && !strings.HasPrefix(w, "sci") {
				continue // "patient", "ancient"
			}
			n++ // "experience", "science", "quiet", "anxiety"
		case a == 'e' && b == 'o' && !strings.HasPrefix(rest, "eop"):
			n++ // "video"; not "people"
		case a == 'u' && (b == 'a' || b == 'e' || b == 'o') && prev != 0 && !isVowel(rune(prev)) &&
			prev != 'q' && prev != 'g' && !(b == 'e' && i+2 == l):
			n++ // "actual", "fluent"; not "true", "guess", "quote"
		}
	}
	return n
}

// isVowel reports a, e, i, o or u: y counts as a vowel only by position.
func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }
