package web

import (
	"net/http"
	"time"

	"github.com/securebase/securebase/assess"
)

// scaleResult is one dimension as the result page explains it.
type scaleResult struct {
	Name, Score, Description, Meaning string
	Scored                            bool
}

type resultView struct {
	ID         string
	Instrument *assess.Instrument
	About      string
	When       time.Time
	Scales     []scaleResult
	Region     string
	RegionText string
	Map        *mapView
	Pillar     string
	Reason     string
	Start      []suggestion
	Retake     string
}

// Meanings of each dimension, in three bands of the range: the lower
// third, the middle and the upper third. They describe how someone
// answered, in our words; they are not categories.
func meanings() map[string][3]string {
	return map[string][3]string{
		assess.Anxiety: {
			"Worry about being left, or about not being loved enough, seldom takes over for you. You tend to trust that closeness will hold.",
			"Worry about closeness comes and goes for you. A small thing, like a slow reply, can stir it, and then it settles again.",
			"Worry about being left, or about not being loved enough, runs strong for you at the moment. It shows how much closeness matters to you. The body tools are made for exactly this, and many people find the worry eases with practice.",
		},
		assess.Avoidance: {
			"Letting people close, and leaning on them, tends to feel safe for you.",
			"Closeness feels good at some times and like a bit too much at others. You may open up with some people and keep a little distance with others.",
			"Letting people close, or leaning on them, feels uneasy for you at the moment. Keeping some distance may have protected you once. Many people find it softens as trust grows.",
		},
	}
}

// regionTexts describe each part of the map softly: where a point lies,
// never who a person is.
func regionText(region string) string {
	switch region {
	case assess.RegionSecure:
		return "lower worry about closeness and more ease with it"
	case assess.RegionAnxious:
		return "more worry about closeness, together with a wish to be close"
	case assess.RegionAvoidant:
		return "less worry, and more unease with leaning on others"
	case assess.RegionFearful:
		return "worry about closeness together with unease about it"
	}
	return ""
}

// meaning picks the band of mean on min..max.
func meaning(scale string, mean float64, min, max int) string {
	texts, ok := meanings()[scale]
	if !ok {
		return ""
	}
	third := float64(max-min) / 3
	switch {
	case mean < float64(min)+third:
		return texts[0]
	case mean > float64(max)-third:
		return texts[2]
	}
	return texts[1]
}

// pillarStart is where a suggested first pillar leads.
type pillarLink struct {
	Name  string
	Tools []string
	Href  string
}

func pillarStart(p assess.Pillar) pillarLink {
	switch p {
	case assess.PillarBeliefs:
		return pillarLink{"your beliefs", []string{"beliefs", "name"}, "/beliefs"}
	case assess.PillarBehaviour:
		return pillarLink{"the way you relate", []string{"needs", "pause"}, "/behaviour"}
	}
	return pillarLink{"your body", []string{"breathe", "ground", "reassure"}, "/body"}
}

// attemptResult shows one finished attempt: the two scores with what they
// mean, the map with the path so far, and where practice might begin.
func (s *Server) attemptResult(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	if !st.a.Completed() {
		http.Redirect(w, r, "/attachment/attempts/"+st.entry.ID, http.StatusSeeOther)
		return nil
	}
	loc := s.userLocation(r)
	v := resultView{ID: st.entry.ID, Instrument: st.in, About: st.a.About, When: st.a.CompletedAt.In(loc)}
	for _, sc := range st.a.Result.Scales {
		i := scaleIndexOf(st.in, sc.Scale)
		if i < 0 {
			continue
		}
		v.Scales = append(v.Scales, scaleResult{Name: st.in.Scales[i].Name, Score: score(sc), Scored: sc.Scored,
			Description: st.in.Scales[i].Description, Meaning: meaning(sc.Scale, sc.Mean, st.a.Result.Min, st.a.Result.Max)})
	}
	if v.Region = regionOf(st); v.Region != "" {
		v.RegionText = regionText(v.Region)
	}
	list, err := s.attempts(r)
	if err != nil {
		return err
	}
	v.Map = s.pathMap(list, st, loc)
	pillar, reason := assess.FirstPillar(resultOf(st.a))
	start := pillarStart(pillar)
	v.Pillar, v.Reason, v.Start = start.Name, reason, suggestionsFor(start.Tools)
	v.Start = append(v.Start, suggestion{ID: string(pillar), Name: "Everything for " + start.Name, Href: start.Href})
	for _, other := range list {
		if other.a.Completed() {
			if other.entry.ID == st.entry.ID {
				v.Retake = retakeText(s.Clock(), *st.a.CompletedAt, loc)
			}
			break // only the newest result suggests a retake
		}
	}
	s.render(w, r, http.StatusOK, "attempt_result", page{Title: "Your result · " + st.in.ShortName, Nav: "insights", Data: v})
	return nil
}

func scaleIndexOf(in *assess.Instrument, id string) int {
	for i, sc := range in.Scales {
		if sc.ID == id {
			return i
		}
	}
	return -1
}
