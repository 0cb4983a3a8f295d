package safety

import (
	"maps"
	"slices"
	"strings"
)

// People write as they speak. Jamaican Patois and Scots spell the words a
// crisis sentence turns on their own way ("mi cyaan tek it nuh more",
// "I cannae dae this ony mair"), and the rules, written in standard
// English, read none of them: in set BK five of 39 missed crisis entries
// were in Patois (docs/safety.md, round 51). dialectWords reads the
// commonest of those words as their standard ones. Only words with one
// clear meaning are listed, and none that is also a common English word
// ("ken", "canny", "aw", "nah", "gon" and "dun" are left out), and, like the
// misspellings, a dialect word never replaces a word the vocabulary
// already knows.
//
// Only the rules read them so. The models read a dialect word by its
// spelling, as they did when they were trained (emitDialect): reading it
// as the standard word retrained them, and on the development sets that
// lost 27 crisis entries for 15 found (docs/safety.md, round 51).
var dialectWords = map[string]string{
	// Jamaican Patois (Cassidy and Le Page, Dictionary of Jamaican English;
	// the Jamaican Language Unit's spelling).
	"mi": "i", "waan": "want", "cyaan": "can not", "kyaan": "can not", "cyan": "can not",
	"nuh": "not", "tek": "take", "mek": "make", "dem": "them", "fi": "to",
	"inna": "in", "di": "the", "dis": "this", "dat": "that", "deh": "there",
	"wid": "with", "widout": "without", "likkle": "little", "nuttin": "nothing",
	"nutten": "nothing", "neva": "never", "tink": "think", "ting": "thing",
	"mawnin": "morning", "haffi": "have to", "tiad": "tired", "seh": "say",
	"yuh": "you", "unnu": "you", "evryting": "everything", "everyting": "everything",
	"anyting": "anything", "sumting": "something", "nobaddi": "nobody", "smaddy": "somebody",
	"pickney": "child", "gyal": "girl", "bwoy": "boy", "betta": "better", "wah": "what",
	// Scots (the Dictionaries of the Scots Language).
	"tae": "to", "fae": "from", "wi": "with", "cannae": "can not",
	"dinnae": "do not", "dinna": "do not", "widnae": "would not", "wouldnae": "would not",
	"couldnae": "could not", "shouldnae": "should not", "isnae": "is not", "wisnae": "was not",
	"wasnae": "was not", "didnae": "did not", "huvnae": "have not", "havnae": "have not",
	"willnae": "will not", "doesnae": "does not", "gonnae": "going to", "wantae": "want to",
	"hame": "home", "awa": "away", "masel": "myself", "mysel": "myself", "ma": "my",
	"yersel": "yourself", "naebody": "nobody", "naewhere": "nowhere", "naething": "nothing",
	"nae": "no", "oot": "out", "doon": "down", "heid": "head", "greetin": "crying",
	"bairn": "child", "bairns": "children", "morra": "tomorrow", "mair": "more", "ony": "any",
	"dae": "do", "daein": "doing", "hoose": "house", "wean": "child", "weans": "children",
	"telt": "told", "gied": "gave",
	// Nigerian Pidgin (Faraclas, Nigerian Pidgin; round 55), and "doh" of
	// Trinidadian English (Winer, Dictionary of the English/Creole of
	// Trinidad & Tobago).
	"dey": "be", "una": "you", "wetin": "what", "pikin": "child", "abeg": "please",
	"comot": "leave", "doh": "do not",
}

// addDialect reads dialectWords into v.dialect: each word the vocabulary
// does not know, as the syms of its standard words. An entry any of whose
// standard words the vocabulary does not know is left out: it could only
// be read as unknown words anyway. It runs when the vocabulary is built
// and when it is loaded from trie.bin (dialect words are code, like the
// tokenizer, and no rule is written in them).
func (v *vocab) addDialect() {
	v.dialect = make(map[string][]sym, len(dialectWords))
	for _, w := range slices.Sorted(maps.Keys(dialectWords)) {
		if _, taken := v.words[w]; taken {
			continue
		}
		var seq []sym
		for _, part := range strings.Fields(dialectWords[w]) {
			s, ok := v.words[part]
			if !ok {
				seq = nil
				break
			}
			seq = append(seq, s...)
		}
		if len(seq) > 0 {
			v.dialect[w] = seq
		}
	}
}
