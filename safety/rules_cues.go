package safety

import (
	"fmt"
	"strings"
)

// Cues feed the sentence-window rules (context_window.go). A cue is one
// ingredient of crisis language that means little alone: a word for one's
// own death, a wish, a plan, a lethal means, a goodbye, being a burden. A
// combination of cues within one sentence, or one sentence and the one
// before it, answers yes: "I've got the rope. I just need to pick a day"
// holds strong means and a plan; "Updated my will today and picked out who
// gets the cat" holds two acts of putting affairs in order.
//
// The ingredients follow the constructs of the Suicide Risk Lexicon v1.0
// (Low, Rankin, Bentley, Nock & Ghosh; Apache License 2.0; see rules.go):
// passive ideation (death and wish cues), active ideation and planning
// (act, plan, time and research cues), lethal means (only together with
// a plan, a quantity, research or death), direct self-injury, other
// suicidal language (goodbyes, hopelessness) and burdensomeness. The words
// and phrases are our own selection and wording.
//
// Every cue passes the same context checks as a phrase before it counts:
// idioms, negation, someone else as the subject, quotations by someone
// else, reasons to live, and accidents for body and injury cues.

// Cue bits. Names are used in cueCombos below.
const (
	cueDeath       uint64 = 1 << iota // own death or not existing
	cueWish                           // want, wish, hope, relief, peace, imagining
	cueIntent                         // going to, plan to, decided, ready to
	cueTime                           // tonight, tomorrow, this weekend, soon
	cueAct                            // step off, drive into, crash the car, how I'd do it
	cueJump                           // jump, step off, let myself fall
	cueHeight                         // bridge, roof, ledge, platform, car park
	cueEdge                           // the edge, railing, climb over
	cueMeans                          // pills, knife, bleach: everyday objects that can kill
	cueMeansStrong                    // rope, noose, gun, exhaust hose: rarely innocent with a plan
	cuePrep                           // stockpile, count, enough, pick a day, a plan
	cueBuy                            // buy, order
	cueResearch                       // look up, google, how much, how many
	cueQuantity                       // all, every, a whole bottle, a handful
	cueSecret                         // so nobody would ask, without anyone knowing
	cueBye                            // goodbye, farewell
	cueLast                           // last entry, thank you for everything, won't be writing
	cuePeace                          // made my peace, it's nearly time, tonight's the night
	cueEstate                         // my will, give away my things, affairs in order
	cueBurden                         // burden, waste of space, a favour to everyone
	cueGone                           // disappear, vanish, not be around, out of the picture
	cuePerm                           // permanently, forever, for good, never come back
	cueHopeless                       // no reason left, nothing matters, I'm done, it's over
	cueLife                           // alive, existing, living
	cueDone                           // done with, finished with, tired of, sick of
	cueWake                           // waking up
	cueLetdown                        // hoping I wouldn't, disappointed that I
	cueVital                          // wrist, throat, vein
	cueSharp                          // knife, blade, razor, scissors, glass
	cueRelapse                        // relapse
	cueHarm                           // cut, burn, carve, bleed, self-harm
	cueHurtWish                       // want it to hurt, deserve pain, punish myself
	cueAtHand                         // open on the table, next to me, in my hand, in my bag
	cueObsess                         // keep thinking about, can't stop staring at, drawn to
	cueGrief                          // since my dad died, grief: death talk about a loss
	cueMedical                        // headache, cramps, prescribed: pills for a reason
	cueQStrong                        // a handful, way more than I'm meant to: an abnormal amount
	cueAlcohol                        // vodka, wine, drinking: taken with pills
	cueBody                           // arm, thigh, skin: where a blade lands
	cueTwice                          // set by the window: two farewell cues at different places

	// Round 6: the concept layer (concept.go).
	cueConcept // the writer's own death, not existing, an end for good, self-injury, overdose
	cueOutcome // bleed, bruise, blister, broke the skin: what an injury leaves
	cueUntil   // until, till, so that it: an injury done to reach an outcome
	cueIngest  // swallow, down, take: ingesting, for vague overdoses
	cueFear    // scared, afraid, terrified: fear of death is not a wish for it
	cueFrame   // novel, film, news, game, history lesson: someone else's story
	cueSelf    // set by the window: a first-person word (i, me, my, myself)
	cueMourn   // set by the window: a grief cue, before the subject check
	cueOther   // set by the window: a word for someone else (she, my friend, the film)
)

// cueNames maps the names used in cueCombos to bits.
func cueNames() map[string]uint64 {
	return map[string]uint64{
		"death": cueDeath, "wish": cueWish, "intent": cueIntent, "time": cueTime,
		"act": cueAct, "jump": cueJump, "height": cueHeight, "edge": cueEdge,
		"means": cueMeans, "strong": cueMeansStrong, "prep": cuePrep, "buy": cueBuy,
		"research": cueResearch, "quantity": cueQuantity, "secret": cueSecret,
		"bye": cueBye, "last": cueLast, "peace": cuePeace, "estate": cueEstate,
		"burden": cueBurden, "gone": cueGone, "perm": cuePerm, "hopeless": cueHopeless,
		"life": cueLife, "done": cueDone, "wake": cueWake, "letdown": cueLetdown,
		"vital": cueVital, "sharp": cueSharp, "relapse": cueRelapse, "harm": cueHarm,
		"hurtwish": cueHurtWish, "twice": cueTwice, "athand": cueAtHand, "obsess": cueObsess,
		"qstrong": cueQStrong, "alcohol": cueAlcohol, "body": cueBody,
		"concept": cueConcept, "outcome": cueOutcome, "until": cueUntil, "ingest": cueIngest,
	}
}

// cueFarewell is every farewell cue; two of them at different places set
// cueTwice.
const cueFarewell = cueBye | cueLast | cuePeace | cueEstate

// cueInjury marks cues that get the accident check ("I cut my wrist on a
// tin").
const cueInjury = cueVital | cueHarm | cueSharp | cueBody

// cueCombos lists the combinations that answer yes. Each line is groups
// joined by "&"; a group is cue names joined by "|" and is met by any one
// of them. A line starting with "sentence:" must be met within one
// sentence; the others may use the sentence before as well.
func cueCombos() []string {
	return []string{
		// passive and active ideation
		"death & wish|prep|hopeless|burden|time|act|jump|height|edge|means|strong|secret|bye|last|peace|estate|gone|life|done|obsess|qstrong|alcohol|harm|vital|sharp|hurtwish|athand",
		"act & wish|intent|time|prep|hopeless|death|research|obsess",
		"jump & height|edge",
		"height & edge",
		"gone & perm|burden",
		"sentence: life & done",
		"sentence: wake & letdown",
		// lethal means with a plan, research, a quantity or death
		"means & prep",
		"means & research & death",
		"research & death & jump|height|strong|act",
		"height & prep",
		"means & quantity & secret|buy|prep|wish",
		"means & intent & hopeless",
		"means & athand & quantity|hopeless|wish|time|obsess|death",
		"means & research & quantity",
		"means & qstrong",
		"means & alcohol & quantity|qstrong|wish|obsess|prep|hopeless|athand",
		"obsess & height|means|strong|sharp|death|jump|act|vital",
		"sharp & prep|secret",
		"sharp & athand & wish|obsess|hopeless|time",
		"sentence: sharp & body",
		"strong & prep|buy|time|intent|wish|hopeless|death|secret|act",
		"sharp & vital",
		// farewells and putting affairs in order
		"bye|last|peace|estate & twice|death|hopeless|means|strong|burden|gone|secret",
		"bye|peace & time|intent",
		// burdensomeness with death or leaving
		"burden & death|gone|perm|hopeless",
		// hopelessness with death, an act or means
		"hopeless & death|act|jump|means|strong|gone|height",
		// self-injury
		"relapse & harm|sharp|vital",
		"hurtwish & harm|sharp|vital",
	}
}

// cueCombo is one compiled line of cueCombos.
type cueCombo struct {
	groups   []uint64
	sentence bool
}

func compileCombos() ([]cueCombo, error) {
	names := cueNames()
	var out []cueCombo
	for _, line := range cueCombos() {
		c := cueCombo{}
		body, ok := strings.CutPrefix(line, "sentence:")
		c.sentence = ok
		for _, group := range strings.Split(body, "&") {
			var mask uint64
			for _, name := range strings.Split(group, "|") {
				bit, ok := names[strings.TrimSpace(name)]
				if !ok {
					return nil, fmt.Errorf("combination %q: unknown cue %q", line, strings.TrimSpace(name))
				}
				mask |= bit
			}
			c.groups = append(c.groups, mask)
		}
		out = append(out, c)
	}
	return out, nil
}

// cueWordGroup gives one cue to single words (lemmas).
type cueWordGroup struct {
	bits  uint64
	words string
}

// cueWordGroups are the one-word cues. It is a function, not a variable,
// so the package keeps no mutable state.
func cueWordGroups() []cueWordGroup {
	return []cueWordGroup{
		{cueDeath, `die dead death suicide suicidal deadly lethal fatal overdose od unalive oblivion lifeless`},
		{cueQStrong, `10 12 15 20 25 30 40 50 60 100 twenty thirty forty fifty hundred dozen`},
		{cueWish, `want wish hope pray long crave yearn tempted urge imagine picture fantasise
			fantasize daydream relief relieved peace peaceful calm comfort soothe rest easy should
			escape answer solution welcome deserve rather sooner ready kinder easier favour favor
			appeal tempting curious`},
		{cueIntent, `decide determined`},
		{cueTime, `tonight tomorrow soon`},
		{cueJump, `jump leap`},
		{cueHeight, `bridge roof rooftop ledge balcony cliff platform tower overpass skyscraper railway
			viaduct motorway`},
		{cueEdge, `railing`},
		{cueMeans, `pill tablet med medication painkiller paracetamol acetaminophen tylenol ibuprofen
			aspirin insulin antidepressant xanax benzo opioid oxy sedative bleach chemical poison
			knife blade razor codeine codamol tramadol morphine fentanyl oxycodone methadone
			sertraline citalopram fluoxetine amitriptyline mirtazapine venlafaxine lithium quetiapine
			diazepam lorazepam zopiclone zolpidem propranolol naproxen antifreeze`},
		{cueMeansStrong, `rope noose gun pistol firearm shotgun charcoal helium antifreeze pesticide`},
		{cuePrep, `stockpile hoard stash collect count supply spare`},
		{cueBuy, `buy order`},
		{cueResearch, `research google search`},
		{cueQuantity, `all every whole lot handful bunch load bottle box packet several`},
		{cueBye, `goodbye farewell`},
		{cueBurden, `burden nuisance`},
		{cueGone, `disappear vanish`},
		{cuePerm, `permanently forever`},
		{cueHopeless, `hopeless pointless trapped`},
		{cueLife, `alive exist existence`},
		{cueVital, `wrist throat vein artery`},
		{cueBody, `arm forearm thigh leg skin stomach hip chest wrist`},
		{cueSharp, `knife blade razor scissors shard compass sharpener scalpel`},
		{cueRelapse, `relapse`},
		{cueHarm, `cut burn carve bleed pick scab slam smash`},
		{cueGrief, `grief grieve bereavement bereaved funeral widow`},
		{cueMedical, `headache migraine cramp period fever flu cold prescribe prescription organiser
			organizer dosette
			pharmacist pharmacy dentist surgery infection allergy hayfever toothache arthritis`},
	}
}

// cuePhraseGroup gives one set of cue bits to phrases in the grammar of
// pattern.go.
type cuePhraseGroup struct {
	bits       uint64
	anySubject bool // skip the subject check: "my kids would be better off"
	lines      []string
}

func cuePhraseGroups() []cuePhraseGroup {
	return []cuePhraseGroup{
		{bits: cueDeath, lines: []string{
			"kill {SELF}", "kill (you|someone|a person)", "be fatal", "not be here (in the morning|tomorrow|by morning)",
			"my (body|heart) [would|will|to] (give out|give up|shut down|fail|stop)",
			"end my (story|chapter)", "check out", "heart attack", "if anything happen to me",
			"end (it|thing|everything) $", "the thought of end it", "my last (birthday|christmas|summer)",
			"let (it|the water|the sea|the river|the current|the waves) take me", "clock out for good", "my time to go", "the easy way out",
			"(will|would) not need (them|it|any of it|my|anything)", "not be need (them|it)",
			"(it|everything) [all] (stop|end) (for good|forever|permanently)",
			"not (get|have) another chance", "(me|myself) (go|dead) $", "and me go", "with me go",
			"(me|myself) included", "including (me|myself|live|life|be alive|my life)", "in case something happen to me", "end my [own] life", "take my [own] life", "not wake up", "never wake up",
			"not exist", "stop exist", "not be alive", "not be (here|around)",
			"my [own] (funeral|grave|death)", "rest in peace", "sleep forever", "eternal sleep",
			"my heart [would|will|to] stop", "(get|be) hit by a (bus|car|train|truck|lorry)",
			"get sick and die", "when i be (dead|go|not around|not here)", "after i be (dead|go)",
			"out of my own life", "it (would|will|could) [all] be over", "the end of me",
			"not make it (through|to)", "not survive", "end it all", "be go for good", "never come back",
			"not come back", "stop breathe", "not be on (this|the) (earth|planet)",
		}},
		{bits: cueWish, lines: []string{
			"if i could", "think about", "stare at", "keep look at", "love to", "like to", "would give anything",
			"(fine|okay|ok|at peace) with", "ready for",
			"not be (that|too) bad", "not be bad", "would not mind", "would not be the worst", "think of", "keep think", "look forward to", "can not wait", "wonder (what|how)",
			"how easy", "how good it would", "how nice it would", "way out", "only way", "only option",
			"be the only", "want out",
		}},
		{bits: cueIntent, lines: []string{
			"go to", "plan to", "about to", "ready to", "this time", "go through with", "i mean it",
			"work up the (nerve|courage)", "build up the (nerve|courage)", "get the (nerve|courage)",
			"make up my mind",
		}},
		{bits: cueTime, lines: []string{
			"this weekend", "next week", "by (christmas|friday|saturday|sunday|monday|the weekend|morning|the end of)",
			"on (friday|saturday|sunday|monday|tuesday|wednesday|thursday)",
			"a date", "the date",
		}},
		{bits: cueAct, lines: []string{
			"(turn|jerk|yank) the wheel", "(drive|steer) into (the|a|oncoming)",
			"bleed out", "to crash $", "crash into", "step off", "step (in front|out in front) of", "walk (in front of|into) (traffic|a|the)", "drive (into|off)",
			"crash (the|my) car", "swerve", "lose control", "go through with it", "do it (tonight|soon|this time|$)",
			"how i (would|will|be go to|could|might) do it", "how to do it",
			"(take|swallow|down) (them all|the lot|all of them|every one)", "(swallow|down) (all|every|the whole|the rest)", "swallow them",
			"pull the trigger", "slit", "make it end", "put an end to (it|{SELF}|everything|it all)",
			"(hang|drown|poison|gas|shoot|stab|suffocate) {SELF}", "(take|swallow) the {PILLS}",
		}},
		{bits: cueJump, lines: []string{
			"step off", "throw {SELF}", "fall (off|from)", "let {SELF} fall", "want to fall", "a fall", "the fall",
		}},
		{bits: cueHeight, lines: []string{
			"car park", "multi storey", "top floor", "train track", "high place", "the track", "train line",
			"watch the train", "the station",
		}},
		{bits: cueEdge, lines: []string{
			"the edge", "the ledge", "climb over", "lean over", "over the side",
			"(stand|sit) (by|at|on|near) the (wall|railing|barrier|side)", "no (barrier|railing|fence|net)",
			"get (onto|on to|up on|up to) the (roof|top|ledge)",
		}},
		{bits: cueMeans, lines: []string{
			"sleeping pill", "{PILLS}", "{DRUG}",
		}},
		{bits: cueMeansStrong, lines: []string{
			"lethal dose", "(the|car) exhaust", "exhaust pipe", "hose", "carbon monoxide", "plastic bag", "engine run",
		}},
		{bits: cuePrep, lines: []string{
			"save up", "(save|saving) (my|the|them|all|up)", "line up", "lay out", "set aside", "put aside",
			"more than i need", "have (it|them|everything) ready", "get everything ready", "ready by",
			"(pick|choose|set) (a|the) (day|date|spot|place|time|night|method|bridge)",
			"a plan", "the plan", "my plan", "test (it|the)", "tie (it|a|the)",
			"fit", "for when", "for emergency", "have everything i need",
			"be enough $", "enough to (do it|end it|kill|die|not wake up|od|overdose)", "(have|get) enough (save|store|put away|stash|$)", "have what i need", "(keep|hide) (it|them) (hidden|in|under)",
		}},
		{bits: cueBuy, lines: []string{"pick up", "get (some|more|a box|a bottle)"}},
		{bits: cueAtHand, lines: []string{
			"open on the", "in front of me", "next to me", "by my side", "on the (table|nightstand|bedside|desk|counter|floor)",
			"in my (hand|pocket|bag|lap|phone case|wallet|drawer)", "line up", "lay out", "right there", "within reach",
			"hold (the|a|my)", "keep touch (it|them)",
		}},
		{bits: cueObsess, lines: []string{
			"keep think about", "can not stop think about", "keep imagine", "keep picture", "keep stare at",
			"can not stop stare at", "can not stop look at", "keep look at", "draw to", "pull toward", "obsess",
			"stare at", "fixate on", "keep go back to", "keep return to", "can not get (it|the thought|the idea) out of my head",
		}},
		{bits: cueGrief, lines: []string{"since my", "pass away", "since (he|she|they|him|her) (die|pass)",
			"since [my|our] (dad|mom|mother|father|grandad|granddad|grandpa|grandma|gran|nan|nana|granny|brother|sister|husband|wife|son|daughter|uncle|aunt|auntie|cousin|friend|partner) (die|pass)",
			"(year|month|week) since", "(miss|visit|mourn) (him|her|them) (every|much|$)", "lose my (mom|dad|mother|father|grandma|grandad|grandpa|nan|brother|sister|friend|partner|husband|wife|son|daughter)"}},
		{bits: cueMedical, lines: []string{"panic attack", "in case i (get|have)", "back pain", "as prescribe", "for the pain", "my period", "pain relief", "side effect"}},
		{bits: cueResearch, lines: []string{
			"look up", "read (about|up)", "how much", "how many", "how high", "how long (do|does|would|will) it take",
			"what dose", "which one", "would it take", "work best", "most painless", "quickest way",
		}},
		{bits: cueQStrong, lines: []string{
			"handful", "fistful", "bunch of", "in one go", "(whole|entire) (week|month) of", "(take|took) the rest of (the|my)", "whole (bottle|box|packet|pack|strip|tub|jar)", "way more", "a lot more",
			"than i be (meant|supposed|allow) to", "than i should", "too many", "double (the|my) dose", "the lot",
			"all of (them|it) at once", "(all|every|them) at once",
		}},
		{bits: cueAlcohol, lines: []string{"vodka", "whisky", "whiskey", "gin", "alcohol", "booze", "drink", "wine", "rum", "tequila"}},
		{bits: cueQuantity, lines: []string{
			"in the house", "in the cabinet", "the rest of", "a lot of", "more than", "too much", "too many",
		}},
		{bits: cueSecret, lines: []string{
			"(nobody|no one) (would|will|could|can) (ask|know|notice|see|suspect|find|stop)",
			"without (anyone|anybody) (know|notice|see)", "hide (them|it)", "hidden", "in secret",
			"nobody know", "in (the|my) (wardrobe|closet|drawer|glovebox|glove box|boot|trunk|shed|backpack|bag)", "under (the|my) (bed|mattress|pillow)",
		}},
		{bits: cueBye, lines: []string{
			"say goodbye", "bye (everyone|everybody|all)", "i be sorry $",
			"tell (everyone|everybody|all of them|them all|my family|my friend|my kid) i love (them|you)",
			"(write|leave) [a|my|some] (note|letter) (to|for) (my|each|everyone|all|the people)",
		}},
		{bits: cueLast, lines: []string{
			"last (entry|post|message|text|word|letter|note)", "the last thing i (will|would|be go to) (write|say|post)",
			"(say|write|put) in (the|my) note", "what i (would|will) (say|write) in", "my last (day|night|week)",
			"like it (be|was) the last time", "be the last time",
			"will not be (write|post|around|here) (any more|again|here|$)", "never (write|post) (here|again)",
			"this be the end", "thank you for everything", "sorry for everything", "forgive me", "i love you all",
			"love you all",
		}},
		{bits: cuePeace, lines: []string{
			"make [my] peace", "at peace with (it|my decision|everything|this)", "nearly time",
			"tonight be the night", "be free at last", "ready to go $", "free of (all of this|this|it all|everything)",
		}},
		{bits: cueEstate, lines: []string{
			"my will", "(update|write|make|sign|change) [a|my] will", "who get (the|my)",
			"give away my", "who to (tell|call|contact|give)", "life insurance", "bank detail", "in an envelope",
			"[my|all my] password", "(leave|left) (them|it) (for|with) (my|her|him|them)", "sort out my (thing|stuff|affairs)",
			"(my family|nobody|my kid|my parent|my mom|my partner) (will not|do not|would not|never) have to",
			"(look after|take care of|feed|have) my (cat|dog|pet|kid|plant|fish)", "(tell|told) (him|her|them) to keep (it|them)", "cancel [all]my (appointment|plan|subscription|account)", "give (my|all my) (thing|stuff|book|guitar|dog|cat|pet|plant|clothes|jewellery|jewelry|record|game|belonging|possession|savings|money|laptop)",
			"(can|could|should|will|would) have my", "who (should|will|would|can|get) (get|have|take) my",
			"write down who", "affairs in order", "(sort|get|put) [out] my affairs", "look after when i",
			"(look after|take care of|feed) my (cat|dog|pet|kid|plant|fish) for me",
			"delete [all] my (account|social media|profile|photo|instagram|facebook)",
			"password (to|for) my", "write everything down for",
			"(letter|note) to each of", "(letter|note) for each of",
		}},
		{bits: cueBurden, lines: []string{
			"dead weight", "waste of (space|oxygen|air)", "weight around", "in (everyone|everybody|their|the) way",
			"ruin everything", "(do|doing) (everyone|them|the world|my family|everybody) a (favour|favor|kindness|service)",
			"without me", "(be|feel) a drain",
		}},
		{bits: cueBurden, anySubject: true, lines: []string{
			"better off", "be relieved if i", "happier if i", "easier if i", "(get|have|find) [some] peace if i",
			"(tired|sick) of me", "take up space", "stop be a (problem|burden)",
		}},
		{bits: cueGone, lines: []string{
			"be go $", "be long go", "go away", "to go $", "out of the picture",
			"out of (everyone|everybody|the|their) way", "leave (this|the) (world|earth)",
			"sleep and (not|never) come back", "not come home", "time i (go|went|leave|left)", "if i stop be",
		}},
		{bits: cuePerm, lines: []string{
			"for good", "once and for all", "never come back", "not come back", "for real this time",
			"never to come back", "never again",
		}},
		{bits: cueHopeless, lines: []string{
			"no reason (left|any more|$)", "nothing (left|matter)", "no point (any more|$|in anything)",
			"what be the point $", "can not go on", "can not do this", "can not do this any more",
			"can not take (it|this) (any more|$)", "i be done $", "done (wait|try|fight)", "give up on (everything|life|me)", "it be over $", "give up", "end of my rope",
			"out of option", "no way out", "nothing to lose", "break point", "can not live like this",
			"hate my life", "no hope", "no future",
		}},
		{bits: cueLife, lines: []string{"be here", "be alive", "live", "breathe", "be me"}},
		{bits: cueDone, lines: []string{
			"done with", "finish with", "tired of", "sick of", "worn out (with|by|from)", "over it", "exhaust by",
			"had enough of", "fed up with", "can not stand", "hate",
		}},
		{bits: cueWake, lines: []string{"wake up", "wake", "another day", "this morning"}},
		{bits: cueLetdown, lines: []string{
			"hope i (would|will) not", "wish i (have|had) not", "disappointed (to|that i|i)", "annoyed (to|that i|i)",
			"letdown", "upset (to|that i)",
		}},
		{bits: cueHurtWish, lines: []string{
			"want (it|that) to hurt", "deserve (the|this) pain", "deserve to hurt", "punish {SELF}",
			"need to feel (it|pain|something)", "on purpose", "deliberately",
		}},
		{bits: cueHarm, lines: []string{"self harm", "hurt {SELF}", "hit {SELF}", "punch", "bite", "scratch", "hit"}},
	}
}
