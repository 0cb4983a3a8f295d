package practice

import (
	"fmt"
	"strconv"
	"time"
)

// Tool ids. The "I'm activated" flow, the practice log and the "what works
// for me" page all store these, so they never change.
const (
	ToolBreathe  = "breathe"
	ToolGround   = "ground"
	ToolName     = "name"
	ToolReassure = "reassure"
	ToolPause    = "pause"
)

// Tool is one regulation tool as the person sees it in a menu.
type Tool struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Tools returns the regulation tools in the order the "I'm activated" flow
// offers them: body first, then words, then time.
func Tools() []Tool {
	return []Tool{
		{ToolBreathe, "Breathe", "Slow your breathing to help your body settle."},
		{ToolGround, "Ground", "Use your senses to come back to the room around you."},
		{ToolName, "Name it", "Find a word for what you feel and where you feel it."},
		{ToolReassure, "Reassure", "Read kind words that speak to the fear."},
		{ToolPause, "Pause", "Wait a few minutes before you act on the urge."},
	}
}

// ToolByID returns the tool with the given id.
func ToolByID(id string) (Tool, error) {
	return find(Tools(), func(t Tool) string { return t.ID }, id, FieldTool, "a tool")
}

// Distress scale. Distress and emotion intensity share the 0–10 scale, so
// ParseDistress reads both.
const (
	MinDistress = 0
	MaxDistress = 10
	// HighDistress is where the "I'm activated" flow brings crisis lines
	// forward if distress stays there after the tools (B6).
	HighDistress = 8
)

// ParseDistress reads a 0–10 rating. It accepts exactly "0" to "10": no
// spaces, signs, leading zeros or decimals. The values come from buttons or
// a slider, so anything else is a mistake worth catching, not guessing.
func ParseDistress(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < MinDistress || n > MaxDistress || strconv.Itoa(n) != s {
		return 0, invalid(FieldDistress, "Choose a number from 0 to 10.",
			fmt.Sprintf("distress not a whole number %d–%d", MinDistress, MaxDistress))
	}
	return n, nil
}

// Pause lengths for "reduce urgency" (B4). A few fixed choices are quicker to
// tap than a number to type; MaxPause bounds a length typed by hand.
const (
	DefaultPause = 5 * time.Minute
	MinPause     = 1 * time.Minute
	MaxPause     = 60 * time.Minute
)

// PauseLengths returns the pause lengths offered as buttons, shortest first.
func PauseLengths() []time.Duration {
	return []time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 20 * time.Minute}
}

// ParsePause reads a pause length in whole minutes, from "1" to "60".
func ParsePause(minutes string) (time.Duration, error) {
	n, ok := parseWhole(minutes)
	if !ok || n < int(MinPause/time.Minute) || n > int(MaxPause/time.Minute) {
		return 0, invalid(FieldMinutes, "Choose from 1 to 60 minutes.", "pause minutes outside 1–60")
	}
	return time.Duration(n) * time.Minute, nil
}

// PauseIntro opens the pause screen.
const PauseIntro = "You don't have to reply yet. Write what you want to say here. " +
	"It stays here until you decide."

// Line is a short line of text with a stable id.
type Line struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// PauseLines returns the lines the pause screen rotates through while the
// timer runs. Reassurance statements (B5) can be shown there too.
func PauseLines() []Line {
	return []Line{
		{"pause-1", "The message can wait a few minutes. So can you."},
		{"pause-2", "Waiting costs very little. It gives you a choice."},
		{"pause-3", "Let your body settle first. Then see what you still want to say."},
		{"pause-4", "Urges rise and fall like waves. You can let this one pass."},
		{"pause-5", "Nothing needs to be solved in the next few minutes."},
		{"pause-6", "What you want to say will still be here when the timer ends."},
		{"pause-7", "Breathe out slowly. The timer is doing the waiting with you."},
	}
}
