package insight

import (
	"math/rand/v2"
	"time"
	_ "time/tzdata" // the tests need the same zones on every machine
)

// year is a realistic heavy year of use, the size ENGINEERING.md and the
// load benchmark assume: 365 check-ins, about 1,000 log entries (each
// with triggers and an urge), 150 episodes, 800 single tool uses, 300
// thought records, belief ratings, 12 questionnaires and a monthly
// rating of the signs of growing security.
type year struct {
	now      time.Time
	loc      *time.Location
	checkins []CheckIn
	uses     []Use
	episodes []Episode
	logs     []Tagged
	urges    []Urge
	beliefs  []BeliefRating
	scores   []Score
	growth   []GrowthRating
	practice []time.Time
}

var (
	tools    = []Named{{"breathe", "Breathing"}, {"ground", "Grounding"}, {"name", "Naming the feeling"}, {"reassure", "Reassurance"}, {"pause", "A pause"}}
	triggers = []Named{{"late-reply", "A late reply"}, {"tone", "A change in tone"}, {"space", "Your partner needing space"}, {"conflict", "Conflict"}, {"plans", "Changed plans"}, {"social", "Something on social media"}, {"silence", "Silence"}, {"other-people", "Time with other people"}}
	beliefs  = []Named{{"unworthy", "I am not worth loving"}, {"abandon", "People I love will leave"}, {"too-much", "I am too much"}, {"alone", "I will end up alone"}, {"unsafe", "Closeness is not safe"}}
	signs    = []Named{{"overthinking", "Less overthinking"}, {"abandonment", "Less fear of being left"}, {"space", "Comfort with space"}, {"baseline", "A steadier baseline"}, {"consistent", "Drawn to steady people"}, {"boundaries", "Clearer boundaries"}, {"conflict", "Calmer conflict"}}
)

func rating(r *rand.Rand, lo, hi int) *int {
	v := lo + r.IntN(hi-lo+1)
	return &v
}

// heavyYear builds a year ending at now in loc, the same every time for a
// given seed. Distress drifts down over the year, as it might with practice.
func heavyYear(seed uint64, now time.Time, loc *time.Location) year {
	r := rand.New(rand.NewPCG(seed, 15))
	y := year{now: now, loc: loc}
	start := now.AddDate(-1, 0, 1)
	at := func(day int, hour int) time.Time {
		d := start.AddDate(0, 0, day)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, r.IntN(60), 0, 0, loc)
	}
	for d := range 365 {
		base := 7 - d*4/365
		y.checkins = append(y.checkins, CheckIn{At: at(d, 7+r.IntN(16)), Distress: max(0, min(10, base+r.IntN(5)-2))})
	}
	for range 150 {
		d := r.IntN(365)
		s := at(d, r.IntN(24))
		b := rating(r, 5, 10)
		a := rating(r, 2, 9)
		y.episodes = append(y.episodes, Episode{Start: s, End: s.Add(time.Duration(3+r.IntN(40)) * time.Minute), Before: b, After: a})
		y.uses = append(y.uses, Use{Tools: []string{tools[r.IntN(2)].ID, "name", "reassure"}, Before: b, After: a, Episode: true})
	}
	for range 800 {
		var before, after *int
		if r.IntN(5) > 0 {
			before, after = rating(r, 3, 9), rating(r, 1, 8)
		}
		y.uses = append(y.uses, Use{Tools: []string{tools[r.IntN(len(tools))].ID}, Before: before, After: after})
	}
	for range 1000 {
		t := at(r.IntN(365), r.IntN(24))
		ids := []string{triggers[r.IntN(len(triggers))].ID}
		if r.IntN(3) == 0 {
			ids = append(ids, triggers[r.IntN(len(triggers))].ID)
		}
		y.logs = append(y.logs, Tagged{At: t, IDs: ids})
		y.urges = append(y.urges, Urge{At: t, Acted: r.IntN(3) == 0})
	}
	for i := range 120 {
		y.beliefs = append(y.beliefs, BeliefRating{Belief: beliefs[i%len(beliefs)].ID, At: at(r.IntN(365), 20), Strength: r.IntN(101)})
	}
	for m := range 12 {
		y.scores = append(y.scores, Score{At: at(m*30+r.IntN(5), 19), Anxiety: 5.5 - float64(m)*0.15 + r.Float64()*0.4, Avoidance: 3 + r.Float64()})
		for _, s := range signs {
			y.growth = append(y.growth, GrowthRating{At: at(m*30+r.IntN(5), 21), Item: s.ID, Value: 1 + min(4, m/3+r.IntN(2))})
		}
	}
	for _, c := range y.checkins {
		y.practice = append(y.practice, c.At)
	}
	for _, e := range y.episodes {
		y.practice = append(y.practice, e.Start)
	}
	for range 300 + 800 { // thought records and tool uses
		y.practice = append(y.practice, at(r.IntN(365), r.IntN(24)))
	}
	return y
}
