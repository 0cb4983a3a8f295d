package practice

import (
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
	return find(Tools(), func(t Tool) string { return t.ID }, id, "a tool")
}

// PauseLengths returns the pause lengths offered as buttons, shortest
// first (B4): a few fixed choices are quicker to tap than a number to type.
func PauseLengths() []time.Duration {
	return []time.Duration{2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 20 * time.Minute}
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
