package safety

import (
	"maps"
	"slices"
	"strings"
)

// People in distress type fast and on phones. A few words carry most of
// the meaning of a crisis sentence, so every spelling one keystroke away
// from them (a letter dropped, added, swapped with its neighbour or
// replaced) is read as the word itself: "sucide", "exsist", "myslef",
// "tomorow". Variants that are real English words ("exit", "olive",
// "willing") were found with a dictionary when the list was made and are
// excluded, and a variant never replaces a word the vocabulary already
// knows. The table is built once, when the rules are compiled; checking
// costs nothing, because variants are ordinary entries of the word map.
var typoKeys = strings.Fields(`suicide suicidal myself overdose exist alive commit committing
	unalive anymore tonight tomorrow wrist razor goodbye disappear killing`)

// typoRealWords are one-edit variants of typoKeys that are words of their
// own.
var typoRealWords = strings.Fields(`suicides overdoes overdone overdosed overdoses exists exit exits
	sexist alice alike aline clive live olive commits tomorrows grist waist whist wist wrest wriest
	wrists writ writs razors goodby goodbyes goodbys disappears billing filling killings kilning
	kipling milling pilling tilling willing`)

// typoWords are common misspellings and texting forms further than one
// keystroke away, or of words too short to vary safely.
var typoWords = map[string]string{
	"kil": "kill", "kiled": "kill", "tonite": "tonight", "2nite": "tonight", "2night": "tonight",
	"tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomoz": "tomorrow",
	"offing": "off", "offed": "off", "comitting": "commit", "commiting": "commit",
	"u": "you", "ur": "your", "bc": "because", "dnt": "do not", "cnt": "can not",
	"wnt": "want", "wna": "want to", "wan": "want", "sucidal": "suicidal", "suicdal": "suicidal",
	"exsist": "exist", "exsisting": "exist", "existance": "existence", "ded": "dead",
	"abt": "about", "bout": "about", "sh'd": "self harm",
	// Shorthand of online writing about self-harm and suicide (round 49).
	"sh": "self harm", "wana": "want to", "tn": "tonight", "ctb": "kill myself",
}

// addTypos adds the misspellings to the word map. It runs after every
// rule word and inflection is known, so it never shadows a real entry.
func (v *vocab) addTypos() {
	real := make(map[string]bool, len(typoRealWords))
	for _, w := range typoRealWords {
		real[w] = true
	}
	for _, typo := range slices.Sorted(maps.Keys(typoWords)) { // sorted: see newVocab
		word := typoWords[typo]
		if _, taken := v.words[typo]; !taken {
			var seq []sym
			for _, part := range strings.Fields(word) {
				seq = append(seq, v.resolve(part)...)
			}
			v.words[typo] = seq
		}
	}
	for _, key := range typoKeys {
		seq := v.resolve(key)
		for _, variant := range oneEdit(key) {
			if _, taken := v.words[variant]; !taken && !real[variant] {
				v.words[variant] = seq
			}
		}
	}
}

// oneEdit returns every string one deletion, insertion, substitution or
// transposition of adjacent letters away from w (a-z only).
func oneEdit(w string) []string {
	var out []string
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			out = append(out, w[:i]+w[i+1:])
			if i+1 < len(w) {
				out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
			}
		}
		for c := byte('a'); c <= 'z'; c++ {
			out = append(out, w[:i]+string(c)+w[i:])
			if i < len(w) && c != w[i] {
				out = append(out, w[:i]+string(c)+w[i+1:])
			}
		}
	}
	return out
}
