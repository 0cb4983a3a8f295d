package practice

import "strings"

// Emotion region ids. The grid follows the two axes of the circumplex model
// of affect (Russell 1980): how pleasant a feeling is and how much energy it
// carries. Picking a region first narrows a long list to a short one.
const (
	RegionUnpleasantHigh = "unpleasant-high"
	RegionUnpleasantLow  = "unpleasant-low"
	RegionPleasantHigh   = "pleasant-high"
	RegionPleasantLow    = "pleasant-low"
)

// Region is one quarter of the emotion grid (B3).
type Region struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Pleasant    bool   `json:"pleasant"`
	HighEnergy  bool   `json:"high_energy"`
}

// Regions returns the four regions, the unpleasant ones first because that
// is where a person who opens this tool in a hard moment usually is.
func Regions() []Region {
	return []Region{
		{RegionUnpleasantHigh, "Stirred up", "Unpleasant, with lots of energy. Worry, anger and panic live here.", false, true},
		{RegionUnpleasantLow, "Low and heavy", "Unpleasant, with little energy. Sadness, tiredness and numbness live here.", false, false},
		{RegionPleasantHigh, "Bright and lively", "Pleasant, with lots of energy. Excitement, hope and pride live here.", true, true},
		{RegionPleasantLow, "Calm and settled", "Pleasant, with little energy. Calm, safety and ease live here.", true, false},
	}
}

// RegionByID returns the region with the given id.
func RegionByID(id string) (Region, error) {
	return find(Regions(), func(r Region) string { return r.ID }, id, "an area of the grid")
}

// EmotionWord is one word of the vocabulary, with the region it belongs to
// and a one-line meaning. The word is its own id: it is lower case, unique,
// and stored as is with each check-in.
type EmotionWord struct {
	Word    string `json:"word"`
	Region  string `json:"region"`
	Meaning string `json:"meaning"`
}

// Emotions returns the whole vocabulary, grouped by region.
func Emotions() []EmotionWord {
	var out []EmotionWord
	add := func(region string, pairs ...string) {
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, EmotionWord{Word: pairs[i], Region: region, Meaning: pairs[i+1]})
		}
	}
	add(RegionUnpleasantHigh,
		"anxious", "your body braces for something that may not come",
		"uneasy", "a low hum of worry you can't quite place",
		"worried", "your mind keeps going back to what could go wrong",
		"nervous", "jittery energy before something that matters to you",
		"panicked", "fear so strong that it is hard to think",
		"afraid", "a sense that something could hurt you",
		"scared", "fear that makes you want to hide or run",
		"alarmed", "a sudden jolt, as if an alarm went off inside",
		"restless", "you can't sit still or settle into anything",
		"on edge", "every small thing feels like it might tip you over",
		"tense", "your muscles are tight and ready for trouble",
		"overwhelmed", "too much at once, more than you can hold right now",
		"frantic", "a rushed need to do something, anything, right now",
		"desperate", "a strong pull to get relief, whatever it takes",
		"insecure", "unsure of your place with someone",
		"jealous", "fear that someone you love may choose someone else",
		"suspicious", "a sense that something is being kept from you",
		"angry", "heat that rises when something feels unfair",
		"frustrated", "stuck energy when things don't go the way you need",
		"irritated", "small things rub you the wrong way",
		"resentful", "an old hurt that keeps coming back as anger",
		"hurt", "the sting of being let down by someone who matters",
		"rejected", "the ache of feeling pushed away",
		"abandoned", "the fear or the feeling of being left on your own",
		"agitated", "churned up inside and unable to settle",
		"impatient", "waiting feels almost too hard to bear",
		"confused", "your thoughts tangle and nothing feels clear",
		"embarrassed", "a hot wish to hide after being seen",
		"ashamed", "a painful sense of being wrong or bad, deep down",
		"guilty", "a sense that you acted against what you care about",
		"exposed", "being seen in a way that does not feel safe",
		"shocked", "a jolt that leaves you stunned for a moment",
		"stressed", "pressure from too many demands at once",
		"defensive", "ready to protect yourself from blame",
	)
	add(RegionUnpleasantLow,
		"sad", "a heaviness that comes with loss or letdown",
		"lonely", "missing closeness, even when people are near",
		"empty", "a hollow feeling, as if something is missing",
		"hopeless", "a sense that things won't get better",
		"discouraged", "your hope has dimmed after trying hard",
		"disappointed", "things turned out less than you hoped",
		"tired", "your body or mind is running low",
		"drained", "your energy is used up by worry or by others",
		"numb", "your feelings seem far away or switched off",
		"flat", "little feels good or bad right now",
		"bored", "nothing holds your interest",
		"withdrawn", "you want to pull back from people",
		"down", "your mood sits lower than usual",
		"heartbroken", "deep pain after losing someone or something dear",
		"grieving", "mourning what is gone, or what you did not get",
		"unwanted", "a sense that no one wants you near",
		"invisible", "unseen by the people around you",
		"helpless", "a sense that nothing you do will change things",
		"defeated", "as if you have lost a long fight",
		"exhausted", "worn out past what one night of sleep can mend",
		"longing", "missing someone and wishing they were close",
		"wistful", "a soft sadness for something from before",
		"vulnerable", "open to hurt, without your usual armour",
		"disconnected", "cut off from others, or from yourself",
		"regretful", "wishing you had done something another way",
		"gloomy", "a grey cloud over everything",
		"small", "feeling like less than others, or less than you are",
	)
	add(RegionPleasantHigh,
		"excited", "eager energy about something ahead",
		"hopeful", "a sense that good things are possible",
		"joyful", "a lightness and gladness that fills you",
		"happy", "things feel good right now",
		"proud", "warmth about something you did or who you are",
		"energised", "ready to move and get things done",
		"playful", "light, a bit silly, and open to fun",
		"curious", "wanting to find out more",
		"inspired", "moved to make something or to act",
		"confident", "trust that you can handle what comes",
		"loving", "warm care flowing toward someone",
		"delighted", "a bright burst of pleasure",
		"eager", "keen to begin",
		"amused", "something struck you as funny",
		"brave", "willing to act even while you feel afraid",
		"motivated", "you have the push to get going",
		"connected", "close to someone and in step with them",
		"enthusiastic", "full of energy for something you care about",
	)
	add(RegionPleasantLow,
		"calm", "your body and mind feel quiet",
		"relaxed", "your muscles are loose and easy",
		"content", "you have enough, just as things are",
		"safe", "nothing to watch out for right now",
		"secure", "steady in yourself and in your bonds",
		"peaceful", "a stillness inside and around you",
		"grateful", "thankful for something or someone",
		"relieved", "a weight has lifted",
		"settled", "you have landed, and nothing needs to change",
		"comforted", "soothed by someone or something kind",
		"cared for", "held in someone's kindness",
		"tender", "soft and gentle toward yourself or another",
		"accepted", "welcome just as you are",
		"trusting", "able to lean on someone without fear",
		"grounded", "steady, present and here in your body",
		"rested", "your energy is back after a break",
		"thoughtful", "quiet and turned inward, in a good way",
		"mellow", "easy-going and in no hurry",
		"at ease", "nothing needs guarding right now",
		"balanced", "neither too much nor too little",
	)
	return out
}

// Emotion returns the vocabulary entry for word. Case, outer spaces and
// repeated inner spaces are ignored, so "On  Edge " finds "on edge".
func Emotion(word string) (EmotionWord, error) {
	w := strings.Join(strings.Fields(strings.ToLower(word)), " ")
	return find(Emotions(), func(e EmotionWord) string { return e.Word }, w, "a word")
}

// EmotionsIn returns the words of one region, in list order.
func EmotionsIn(region string) ([]EmotionWord, error) {
	if _, err := RegionByID(region); err != nil {
		return nil, err
	}
	var out []EmotionWord
	for _, e := range Emotions() {
		if e.Region == region {
			out = append(out, e)
		}
	}
	return out, nil
}

// BodyLocation is a place in the body where a feeling can sit (B3).
type BodyLocation struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// BodyLocations returns the places a person can pick, head to toe, then
// "whole body" and "not sure", so nobody is forced to pick a spot.
func BodyLocations() []BodyLocation {
	return []BodyLocation{
		{"head", "Head"},
		{"face", "Face"},
		{"jaw", "Jaw"},
		{"throat", "Throat"},
		{"neck", "Neck"},
		{"shoulders", "Shoulders"},
		{"chest", "Chest"},
		{"arms", "Arms"},
		{"hands", "Hands"},
		{"stomach", "Stomach"},
		{"back", "Back"},
		{"legs", "Legs"},
		{"feet", "Feet"},
		{"whole-body", "Whole body"},
		{"not-sure", "Not sure"},
	}
}

// BodyLocationByID returns the body location with the given id.
func BodyLocationByID(id string) (BodyLocation, error) {
	return find(BodyLocations(), func(b BodyLocation) string { return b.ID }, id, "a place in the body")
}

// Grounding exercise ids, stored with each logged session.
const (
	ExerciseSenses = "5-4-3-2-1"
	ExerciseFeet   = "feet-on-floor"
	ExerciseOrient = "orient"
)

// Exercise is a grounding exercise (B2), made to be done one step per
// screen: a short intro, then steps a person moves through with one thumb.
type Exercise struct {
	ID    string         `json:"id"`
	Name  string         `json:"name"`
	Intro string         `json:"intro"`
	Steps []ExerciseStep `json:"steps"`
}

// ExerciseStep is one screen of an exercise. Count, when above 0, is how
// many things to notice; the screen can show that many soft checkmarks so a
// flooded mind does not have to keep count.
type ExerciseStep struct {
	Prompt string `json:"prompt"`
	Count  int    `json:"count,omitempty"`
}

// Exercises returns the grounding exercises, freshly built on each call.
func Exercises() []Exercise {
	return []Exercise{
		{
			ID:    ExerciseSenses,
			Name:  "5-4-3-2-1 senses",
			Intro: "Use each of your senses in turn to come back to where you are.",
			Steps: []ExerciseStep{
				{"Look around you. Find things you can see.", 5},
				{"Notice things you can touch or feel, like your clothes or the chair.", 4},
				{"Listen. Find sounds, near or far.", 3},
				{"Notice things you can smell. Move closer to something if you need to.", 2},
				{"Notice one thing you can taste, even if it is only your own mouth.", 1},
				{"Take one slow breath out. Notice how you feel now.", 0},
			},
		},
		{
			ID:    ExerciseFeet,
			Name:  "Feet on the floor",
			Intro: "Let the ground take your weight for a minute.",
			Steps: []ExerciseStep{
				{"Sit or stand with both feet flat on the floor.", 0},
				{"Press your feet down gently. Feel the floor press back.", 0},
				{"Notice your heels. Then notice your toes.", 0},
				{"Feel the seat or the ground holding the rest of you.", 0},
				{"Breathe out slowly. Let your shoulders drop a little.", 0},
				{"Say to yourself: I am here, and the floor is steady.", 0},
			},
		},
		{
			ID:    ExerciseOrient,
			Name:  "Orient to the room",
			Intro: "Let your eyes show your body where you are right now.",
			Steps: []ExerciseStep{
				{"Let your eyes wander slowly around the room.", 0},
				{"Turn your head and look behind you, slowly and gently.", 0},
				{"Find colours you like. Let your eyes rest on each one.", 3},
				{"Notice the light. Notice where the doors and windows are.", 0},
				{"Say where you are and what time of day it is.", 0},
				{"Notice one thing in the room that feels steady or kind.", 0},
			},
		},
	}
}

// ExerciseByID returns the grounding exercise with the given id.
func ExerciseByID(id string) (Exercise, error) {
	return find(Exercises(), func(e Exercise) string { return e.ID }, id, "a grounding exercise")
}
