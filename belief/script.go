package belief

import (
	"hash/fnv"
	"time"

	securebase "github.com/securebase/securebase"
)

// Script is a suggested secure script (C3): an anxious belief paired with a
// secure counter-statement. Both sides are in the first person, because a
// person says them to themselves. Ids are stored when a person stars a
// script: never rename or reuse one; add new ones at the end of their
// wound with the next number.
type Script struct {
	ID      string `json:"id"`
	Wound   string `json:"wound"`
	Anxious string `json:"anxious"`
	Secure  string `json:"secure"`
}

// Scripts returns the suggested scripts, grouped by core wound in the
// order of Wounds.
func Scripts() []Script {
	return []Script{
		{"not-enough-1", WoundNotEnough, "I'm not enough.", "I am enough as I am, on good days and on hard ones."},
		{"not-enough-2", WoundNotEnough, "I have to be impressive to be chosen.", "The people who are right for me like me for who I am, not for what I do."},
		{"not-enough-3", WoundNotEnough, "If they saw the real me, they would leave.", "I can let people see more of me, a little at a time, and notice who stays close."},
		{"not-enough-4", WoundNotEnough, "Someone better will come along and replace me.", "I am not in a contest for my place. Love is not a ranking."},
		{"not-enough-5", WoundNotEnough, "My needs count for less than theirs.", "My needs matter as much as anyone's."},
		{"not-enough-6", WoundNotEnough, "I only matter when someone wants me.", "My worth does not rise and fall with someone's attention."},

		{"too-much-1", WoundTooMuch, "I'm too much.", "My feelings are not too much. They tell me what I need."},
		{"too-much-2", WoundTooMuch, "If I ask for what I need, I'll push them away.", "Asking clearly for what I need is a kind of trust, not a burden."},
		{"too-much-3", WoundTooMuch, "I have to keep my feelings small to be loved.", "The people who are right for me can make room for all of me."},
		{"too-much-4", WoundTooMuch, "I'm a burden when I'm struggling.", "I am allowed to lean on people, and to let them lean on me."},
		{"too-much-5", WoundTooMuch, "Wanting reassurance makes me needy.", "Wanting closeness is human. I can ask for it, and I can soothe myself too."},
		{"too-much-6", WoundTooMuch, "I'm too sensitive.", "My sensitivity helps me notice and care. I can learn to steady it."},

		{"people-leave-1", WoundPeopleLeave, "People always leave.", "Some people leave and some stay. The ones who are good for me tend to stay."},
		{"people-leave-2", WoundPeopleLeave, "If they need space, they're leaving.", "Space is not a goodbye. People can step back and still come back."},
		{"people-leave-3", WoundPeopleLeave, "If I stop chasing, I'll lose them.", "I do not need to chase. Someone who wants to be close will meet me halfway."},
		{"people-leave-4", WoundPeopleLeave, "A slow reply means they've lost interest.", "A slow reply is most often about their day, not about my worth."},
		{"people-leave-5", WoundPeopleLeave, "I'll end up on my own.", "Whatever happens with others, I will not leave myself. I can get through hard things."},
		{"people-leave-6", WoundPeopleLeave, "I have to hold on tight or they'll slip away.", "Closeness grows when both of us are free to come and go."},

		{"love-ends-1", WoundLoveEnds, "Love never lasts.", "Love can last when both people tend it, and steady love is open to me."},
		{"love-ends-2", WoundLoveEnds, "When things are calm, something is wrong.", "Calm can simply mean safe. Quiet love is still love."},
		{"love-ends-3", WoundLoveEnds, "Good things are about to be taken away.", "I can enjoy what is good today without waiting for it to end."},
		{"love-ends-4", WoundLoveEnds, "One fight means we're finished.", "Disagreeing is part of being close. We can argue and then repair."},
		{"love-ends-5", WoundLoveEnds, "If it doesn't feel intense, it isn't real.", "Real care tends to feel steady and consistent, and that is enough."},
		{"love-ends-6", WoundLoveEnds, "Everyone I love ends up hurting me.", "I can learn to notice who treats me well, and let them come closer."},

		{"earn-love-1", WoundEarnLove, "I have to earn love.", "I do not have to earn love. I am worth caring for as I am."},
		{"earn-love-2", WoundEarnLove, "I have to prove my worth.", "My worth is not a test I sit every day."},
		{"earn-love-3", WoundEarnLove, "If I stop giving, they'll stop loving me.", "I can give because I want to, and rest without losing my place."},
		{"earn-love-4", WoundEarnLove, "I have to keep everyone happy.", "Other people's moods are theirs to carry. I can care without carrying them."},
		{"earn-love-5", WoundEarnLove, "Saying no will make them leave.", "A kind no looks after the relationship. People who care can hear it."},
		{"earn-love-6", WoundEarnLove, "Love has to be won.", "Love is something two people build together, not a prize I win."},
	}
}

// ScriptsFor returns the suggested scripts for one core wound, or an error
// for the wound field if there is no such wound.
func ScriptsFor(wound string) ([]Script, error) {
	if _, err := WoundByID(wound); err != nil {
		return nil, err
	}
	var out []Script
	for _, s := range Scripts() {
		if s.Wound == wound {
			out = append(out, s)
		}
	}
	return out, nil
}

// ScriptByID returns the suggested script with the given id, or an error
// for the script field.
func ScriptByID(id string) (Script, error) {
	for _, s := range Scripts() {
		if s.ID == id {
			return s, nil
		}
	}
	return Script{}, securebase.FieldError(FieldScript, "Choose one of the suggested scripts.")
}

// ScriptForDay returns "the secure belief for today": the suggested script
// that PickForDay chooses for the day and the person.
func ScriptForDay(day time.Time, person string) Script {
	all := Scripts()
	return all[PickForDay(day, person, len(all))]
}

// PickForDay chooses an index in [0, n) for a calendar day and a person, so
// that a page can show one item a day from a list of n (the suggested
// scripts, or those plus a person's own). It returns -1 when n < 1.
//
// Days are counted in day's own location, so "today" turns over at the
// person's midnight when the caller passes local time. The days fall in
// cycles of n: within a cycle every index comes up exactly once, in an
// order shuffled for that person and that cycle, and a new cycle never
// opens with the index that closed the last one, so no item shows twice
// in a row. The same day, person and n always give the same index, on any
// machine and any Go version (the shuffle uses its own generator).
func PickForDay(day time.Time, person string, n int) int {
	if n < 1 {
		return -1
	}
	if n == 1 {
		return 0
	}
	d := civilDay(day)
	seed := personSeed(person)
	if n == 2 {
		return int(floorMod(d+int64(seed&1), 2))
	}
	cycle, pos := floorDiv(d, int64(n)), floorMod(d, int64(n))
	perm := cycleOrder(seed, cycle, n)
	if prev := cycleOrder(seed, cycle-1, n); perm[0] == prev[n-1] {
		perm[0], perm[1] = perm[1], perm[0]
	}
	return perm[pos]
}

// civilDay counts days since 1970-01-01 for the calendar date of t in t's
// location.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

func personSeed(person string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(person)) // a hash.Hash never returns an error
	return h.Sum64()
}

// cycleOrder is a Fisher–Yates shuffle of 0..n-1 driven by splitmix64
// seeded from the person and the cycle. PickForDay's fix-up swaps only the
// first two days of a cycle, never the last, so the previous cycle's raw
// order is also the order it was shown in (for n ≥ 3; n = 2 alternates).
func cycleOrder(seed uint64, cycle int64, n int) []int {
	state := seed ^ (uint64(cycle) * 0x9e3779b97f4a7c15) // #nosec G115 -- only the bits are mixed; a negative cycle wrapping is intended
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := int(boundedRand(&state, uint64(i+1))) // #nosec G115 -- the value is below i+1, which is an int
		perm[i], perm[j] = perm[j], perm[i]
	}
	return perm
}

// splitmix64 advances state and returns the next 64-bit value (Steele,
// Lea & Flood 2014).
func splitmix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// boundedRand returns a uniform value in [0, n) by rejection, so no index
// is favoured.
func boundedRand(state *uint64, n uint64) uint64 {
	limit := ^uint64(0) - (^uint64(0) % n)
	for {
		if v := splitmix64(state); v < limit {
			return v % n
		}
	}
}
