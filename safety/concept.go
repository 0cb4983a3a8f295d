package safety

// The concept layer (round 6) is the widest net, and the simplest to
// explain: a sentence in which the writer speaks of themselves (I, me, my,
// myself) and names their own death, not existing, an end for good,
// self-injury or an overdose answers yes, unless one of the strong
// protections vetoes it. It does not wait for a second ingredient, as the
// cue combinations of rules_cues.go do, because fresh writing rarely
// repeats the second ingredient in words we listed: "being dead sounds
// restful", "I keep picturing my headstone", "I've taken something".
//
// The concept words pass the same context checks as every cue: an idiom
// overlapping them ("dead tired", "part of me died"), a negation governing
// them ("I don't want to die"), someone else as the nearest person before
// them ("my friend wants to die"), a quotation by someone else, a reason
// to live in the clause, and an accident near an injury word. On top of
// those, the whole sentence is vetoed by:
//
//   - fear of death, which is not a wish for it: "I'm scared of dying on
//     the flight" (a negated fear, "I'm not scared of dying", is no veto);
//   - a frame that makes it someone else's story: a novel, a film, a game,
//     the news, a survival rate;
//   - grief: "since my dad died", "the funeral" (cueGrief).
//
// Self-injury and overdose said in new words are met by two small shapes
// instead of one word: an injury outcome reached on purpose ("until it
// blistered", "so I'd bleed") and ingesting an abnormal amount ("swallowed
// everything", "downed the whole box") or something unnamed ("I've taken
// something"), not for a medical reason.

// conceptVeto are the cue bits that veto the concept layer in their
// sentence. They are collected without the subject check: "my friend's
// novel" is still a novel.
const conceptVeto = cueFear | cueFrame

// conceptMet reports that checked unit bits meet the concept layer.
func conceptMet(bits uint64) bool {
	if bits&cueSelf == 0 || bits&(conceptVeto|cueMourn) != 0 {
		return false
	}
	if bits&cueConcept != 0 {
		return true
	}
	if bits&cueOutcome != 0 && bits&(cueUntil|cueHurtWish) != 0 {
		return true // "pinched my arm until it bruised", "so I'd bleed"
	}
	if bits&cueHarm != 0 && bits&cueBody != 0 && bits&(cueUntil|cueHurtWish) != 0 {
		return true // "scrubbed my skin raw until", "burnt my arm on purpose"
	}
	return bits&cueIngest != 0 && bits&cueQStrong != 0 && bits&(cueMeans|cueHurtWish|cueAlcohol) != 0 &&
		bits&cueMedical == 0
}

// conceptElsewhere reports that the concept word at p belongs to someone
// or something else, which the subject check does not see: a possessive
// ("dad's suicide", "his death": the 's is dropped in tokenizing), or "die"
// and "dead" said of a thing of mine or of me as an object ("my hopes
// died", "the plant he gave me is dying"). The writer as subject ("I",
// "myself") or no person at all ("Want to die.") keeps it.
func (d *Detector) conceptElsewhere(toks []token, p int) bool {
	k := p - 1
	if k >= 0 && toks[k].s == d.v.own {
		k--
	}
	if k >= 0 && d.v.flags[toks[k].s]&flagOther != 0 {
		return true
	}
	if s := toks[p].s; s != d.v.die && s != d.v.dead {
		return false
	}
	for k := p - 1; k >= 0 && k >= p-subjectWindow; k-- {
		s := toks[k].s
		if isBreak(s) || s == symComma {
			return false
		}
		switch {
		case s == d.v.i && k >= 2 && toks[k-1].s >= symFirstWord && d.v.flags[toks[k-2].s]&flagDeterminer != 0 &&
			d.v.flags[toks[k-1].s]&flagFirst == 0:
			return true // "the plant I forgot to water has died": the plant died
		case s == d.v.i || s == d.v.myself:
			return false
		case s == d.v.my || s == d.v.me || s == d.v.him || s == d.v.her || s == d.v.them:
			return true
		case (d.v.flags[s]&flagOther != 0 || isName(toks[k])) && !d.isObject(toks, k):
			return true
		}
	}
	return false
}

// conceptCould reports that unchecked unit bits might meet the concept
// layer once checked. Checks only remove bits, except the vetoes, so this
// never misses what conceptMet would find.
func conceptCould(raw uint64) bool {
	return raw&cueSelf != 0 &&
		raw&(cueConcept|cueOutcome|cueIngest|cueHarm) != 0
}

// conceptWordGroups are the one-word cues of the concept layer.
func conceptWordGroups() []cueWordGroup {
	return []cueWordGroup{
		{cueConcept, `die dead death deceased suicide suicidal unalive overdose od funeral coffin
			casket grave headstone gravestone tombstone burial corpse afterlife lethal fatal noose
			perish oblivion obituary eulogy cremate cremation hearse morgue mortuary`},
		{cueOutcome, `bleed blood bloody bruise blister welt scar wound bloodied`},
		{cueUntil, `until till til`},
		{cueIngest, `swallow gulp chug`},
		{cueFear, `afraid scared terrified fear frightened petrified phobia phobic anxious
			anxiety worry panic paranoid nervous`},
		{cueFrame, `novel story film movie character series episode book poem lyric song
			documentary article news headline podcast game scene plot fiction script screenplay
			essay chapter narrator protagonist villain hero author lecture textbook statistic
			mortality survival class course seminar lesson module philosophy meme funny
			hilarious joke laugh`},
	}
}

// conceptPhraseGroups are the phrase cues of the concept layer, in the
// grammar of pattern.go.
func conceptPhraseGroups() []cuePhraseGroup {
	return []cuePhraseGroup{
		{bits: cueConcept, lines: []string{
			// not existing, not being here
			"not exist", "stop exist", "cease to (exist|be)", "not be alive", "stop be alive",
			"no longer (be here|exist|be around|be alive|be in this world)",
			"not be (here|around) (any more|$|much longer|long|next|by|for|to see)",
			"stop be (here|around|a person|me)", "will not be (alive|around) (for|to|by|when|next|$|much|long)",
			"not (want|wish) to (be|exist) (any more|at all)",
			"not think i (will|would|be go to) be (here|around|alive)",
			"not (plan|expect|intend) (on|to) (see|reach|make it to) my",
			// sleeping forever, not waking
			"never wake up", "not wake up", "(never|not) open my eyes (again|$)", "sleep forever",
			"(never|not) get up again", "fall asleep forever", "go to sleep forever", "sleep and never",
			"rest forever", "eternal rest", "in the ground", "six feet under", "push up daisies",
			"the (long|big|final|last) sleep", "never exist (again|$)",
			// gone, erased, switched off, an end for good
			"be go (forever|for good|permanently)", "disappear (forever|for good|permanently|for real)",
			"vanish (forever|for good|permanently)", "(erase|delete|unplug) (me|myself|my existence)",
			"(switch|turn) (me|myself) off", "fade (away|out) (forever|for good)",
			"end my [own] life", "take my [own] life", "end it all", "end everything", "end of everything",
			"the end of it all", "let go of (everything|it all|life|this life)",
			"give up on (life|live|everything|myself)",
			"(check|clock|bow|tap) out (of life|for good|of this life|of this world|permanently|early)",
			"exit (this life|life|this world)", "leave (this|the) (world|earth|planet)", "leave this life",
			"not be (on|in) this (earth|world|planet)", "my time on (this|the) earth",
			"my time (be|have) (up|come|run out)",
			"let (the|it) (darkness|void|dark|cold|water|sea|river|current|waves) (win|take me|have me)",
			"(walk|swim|wade) into the (sea|ocean|water|river|lake)", "the (nothing|void)",
			// the body stopping
			"stop breathe", "my (heart|body|lung) (to|would|will) (stop|give out|give up|quit|fail)",
			"my heart stop", "(stop|end) my (heart|heartbeat|breath)", "my last breath",
			"my (body|heart) (quit|give out|shut down) on me",
			// goodbye for good, afterwards
			"(goodbye|farewell) (forever|for good)", "(final|last) goodbye", "say goodbye for good",
			"when they find me", "(after|once|when) i be go", "after i (die|be dead)",
			"by the time (you|anyone|someone|they|somebody) (read|find|see) this",
			"nothing (hold|keep) me here", "(no|nothing) (keep|hold) me (here|alive)",
			// self-injury and overdose said directly
			"kill {SELF}", "hurt {SELF}", "harm {SELF}", "cut {SELF}", "burn {SELF}", "self harm",
			"hang {SELF}", "bleed out", "slit my", "(punish|injure|wound|mark|scar|pinch|slap) {SELF}",
			"have (take|swallow) something", "take something $",
			"(swallow|take|down) everything in (the|my)", "(take|swallow) everything (i|at once|$)",
			"use (a|the|my) (shard|blade|razor|knife|compass|pin|needle|lighter|sharpener) on my",
			"(take|swallow|have) (a lot of|load of|heap of) (stuff|pill|tablet|them|med)",
			"(take|swallow) more than i should", "(take|swallow|down) (the|a) whole (bottle|box|packet|pack|strip|tub|jar)",
			"nothing left in the (blister|packet|pack|bottle|box|strip|tub|jar)",
		}},
		{bits: cueOutcome, lines: []string{
			"(break|broke) the skin", "draw blood", "(go|turn) (purple|black and blue)",
			"black and blue", "it (sting|burn|hurt) $",
		}},
		{bits: cueUntil, lines: []string{
			"[that] i (would|could) (bleed|hurt|feel (it|something|pain))", "to feel something",
			"(it|they) (would|will) (hurt|sting|bleed|mark|scar)", "not an accident", "not by accident",
			"mean to (hurt|do it)",
		}},
		{bits: cueIngest, lines: []string{
			"down (the|a|my|all|every|them)", "neck (the|a|them|all)", "take (them|it) all", "have take",
		}},
		{bits: cueFear, anySubject: true, lines: []string{
			"health anxiety", "convinced i (have|be|will)", "what if i (have|get|catch)",
			"heart attack", "heart (race|pound)", "panic attack",
		}},
		{bits: cueFrame, anySubject: true, lines: []string{
			"risk of (die|death)", "chance of (die|death|survive)", "life expectancy", "survival rate",
			// hyperbole and hypotheses: "I thought I'd die", "I nearly died"
			"(think|feel like|feel as if) i (be go to|would|will|might|could) die",
			"i (could|might|nearly) (die|have die)", "could have die", "die if i", "if i have to", "die when",
			"over my dead body", "dead on my feet", "(could|can) sleep (forever|for)",
		}},
	}
}
