package safety

// An entry written to oneself in the second person: "You wake up, you go
// to uni, you smile at people. Then you get home and think about dying
// for three hours. Tonight you want to do it." Some people journal this
// way. The rules read "you" as someone else (the subject check in
// context.go), so such an entry said no however clear it was.
//
// What marks it is who is missing: an entry of two sentences or more that
// has no word of the writer anywhere (class writer in rules.txt: I, me,
// my, we, our…) and does have "you". When the rules and the sentence
// model said no to such an entry, the rules read it once more with you,
// your, yourself and yours as I, my, myself and mine (scan with
// sc.asWriter). Only the rules: the models learnt "you" as it usually is,
// someone else, and read with "I" they fire on advice and replies ("Not
// sure what your point is"). Like the entry model this only turns a no
// into a yes. An entry of one sentence is read this way only when it
// holds two "you" words or more, as self-address does ("You keep telling
// yourself it will pass, but you want to die"): a single "you" is most
// often said to someone (round 62).
//
// Measured before it was kept (docs/safety.md, rounds 18 and 18b): on the
// journal sets A to U, 11 of 26 crisis entries written as "you" with no
// "I" now say yes, and none of 103 other entries of that shape (mostly
// advice to someone else: "If you feel unsafe tonight, go to A&E");
// GoEmotions 3 more comments of 54,263, C-SSRS 2 more Supportive posts of
// 934 (Reddit replies, most of them questions and "if you" until those
// kept their "you").

// secondPerson maps the writer's "you" words to the writer's own, per sym
// (0: not a "you" word). A rule set without them leaves it nil, and the
// entry is never read again.
func secondPerson(v *vocab) []sym {
	var t []sym
	for you, me := range map[string]string{"you": "i", "your": "my", "yourself": "myself", "yours": "mine"} {
		y, ok1 := v.lemma[you]
		m, ok2 := v.lemma[me]
		if !ok1 || !ok2 {
			continue
		}
		if t == nil {
			t = make([]sym, len(v.names))
		}
		t[y] = m
	}
	return t
}

// noteVoice records whether toks hold a word of the writer, and counts
// their "you" words.
func (d *Detector) noteVoice(toks []token, sc *scratch) {
	if d.you == nil {
		return
	}
	for _, t := range toks {
		if int(t.s) >= len(d.you) {
			continue
		}
		if d.v.flags[t.s]&flagWriter != 0 {
			sc.writer = true
		} else if d.you[t.s] != 0 {
			sc.you++
		}
	}
}

// readAsWriter turns each "you" of toks into the writer's word, but in a
// question ("How far have you thought about it?" is asked of someone) and
// in a clause that opens "if you" or "when you", which is anyone's ("If
// you feel like ending your life, call someone"), up to its comma or the
// end of its sentence.
func (d *Detector) readAsWriter(toks []token) {
	for a := 0; a < len(toks); {
		b := a
		for b < len(toks) && toks[b].s != symBound {
			b++
		}
		if b < len(toks) && toks[b].ask {
			a = b + 1
			continue
		}
		anyone := false
		for i := a; i < b; i++ {
			switch t := toks[i]; {
			case t.s == symComma:
				anyone = false
			case int(t.s) >= len(d.you) || d.you[t.s] == 0:
				// not a "you" word: left as it is
			case i > a && d.v.flags[toks[i-1].s]&flagGeneric != 0:
				anyone = true
			case !anyone:
				toks[i].s = d.you[t.s]
			}
		}
		a = b + 1
	}
}

// inSecondPerson reads an entry that scan passed again with "you" as the
// writer, when it is written that way (above), and returns that reading's
// verdict and history (scan). Its findings are kept only when it says yes,
// after one that says the entry was read this way.
func (d *Detector) inSecondPerson(texts []string, sc *scratch, ex *explainer) (Verdict, bool) {
	if d.you == nil || sc.writer || sc.you == 0 || sc.sents < 2 && sc.you < 2 {
		return Verdict{}, false
	}
	mark := ex.size()
	if ex != nil {
		ex.found = append(ex.found, Finding{Code: voiceCode, Rule: "voice.go",
			Pattern: "an entry with no word of the writer and a you (two, in an entry of one sentence)",
			Outcome: youAsWriter})
	}
	sc.asWriter = true
	v, history := d.scan(texts, sc, ex)
	sc.asWriter = false
	if ex != nil && !v.Crisis {
		ex.found = ex.found[:mark]
	}
	return v, history
}

// voiceCode marks, with -why, that the findings after it come from the
// second reading; the verdict's reason stays the rule's own code.
const (
	voiceCode   = "voice"
	youAsWriter = `read again with "you" as the writer`
)
