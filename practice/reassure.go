package practice

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/securebase/securebase"
)

// Reassurance theme ids (B5). Each answers one fear that anxious attachment
// tends to raise.
const (
	ThemeUncertainty = "uncertainty"
	ThemeSpace       = "space"
	ThemeWorth       = "worth"
	ThemeStaying     = "staying"
	ThemePassing     = "passing"
	ThemeSelfTrust   = "self-trust"
)

// MaxStatementRunes bounds a person's own statement: long enough for two
// or three short sentences, short enough to read in one breath. It is the
// domain's bound on what is stored.
const MaxStatementRunes = securebase.StatementMax

// Theme groups reassurance statements by the fear they answer.
type Theme struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Fear names the worry the theme answers, so the flow can offer the
	// right theme when a person says what is going on.
	Fear string `json:"fear"`
}

// Themes returns the reassurance themes.
func Themes() []Theme {
	return []Theme{
		{ThemeUncertainty, "Not knowing", "You don't know what is going on, and the gap fills with worry."},
		{ThemeSpace, "Space and distance", "Someone needs time apart, and it feels like they are leaving."},
		{ThemeWorth, "Your worth", "It feels like you have to earn your place."},
		{ThemeStaying, "People who stay", "It feels like the people who matter end up leaving."},
		{ThemePassing, "This will pass", "The feeling is so big it seems like it won't end."},
		{ThemeSelfTrust, "Trusting yourself", "You doubt you can get through this on your own."},
	}
}

// Statement is one reassurance statement from our library. The wording
// speaks to the person as "you" on purpose: studies of self-talk (Kross et
// al. 2014) found that talking to yourself by name or as "you" tends to
// calm strong feelings more than "I" does.
type Statement struct {
	ID    string `json:"id"`
	Theme string `json:"theme"`
	Text  string `json:"text"`
}

// Statements returns the whole library, grouped by theme. Ids are stored
// as favourites and in logs: never reuse or renumber one; add new ones at
// the end of their theme with the next number.
func Statements() []Statement {
	var out []Statement
	add := func(theme string, texts ...string) {
		for i, t := range texts {
			out = append(out, Statement{ID: fmt.Sprintf("%s-%d", theme, i+1), Theme: theme, Text: t})
		}
	}
	add(ThemeUncertainty,
		"You can live with not knowing for a while.",
		"A question with no answer yet is not bad news.",
		"Silence is only silence. It is not a verdict.",
		"You don't have to solve this tonight.",
		"Not knowing feels hard. It is not dangerous.",
		"You can wait for facts before you decide what this means.",
		"Your mind fills gaps with fear. You can leave the gap open.",
		"Most slow replies have ordinary reasons.",
	)
	add(ThemeSpace,
		"Someone taking space is not someone leaving.",
		"Time apart can sit side by side with a steady bond.",
		"Love can stretch across a quiet afternoon.",
		"Their need for space is about their needs, not your value.",
		"You can use this time for yourself.",
		"A little distance does not undo the closeness you share.",
		"You can let them rest and still feel close.",
		"Space gives you both room to come back fresh.",
	)
	add(ThemeWorth,
		"Your worth does not rise and fall with a reply.",
		"You don't have to earn the right to be cared for.",
		"Your needs are real, and they make sense.",
		"You are allowed to take up room.",
		"You are not too much. Your feelings are telling you something.",
		"You matter on the days nobody says so.",
		"You can be loved on an ordinary day, doing nothing special.",
		"A slow reply says nothing about what you are worth.",
	)
	add(ThemeStaying,
		"Steady people tend to stay. You can look for steady.",
		"Closeness grows when people keep showing up, again and again.",
		"One hard moment does not end a bond.",
		"People can be upset with you and still stay.",
		"A disagreement is something two people can come back from.",
		"You can let someone show up for you.",
		"Trust builds in small moments, one at a time.",
		"Whatever others do, you can stay with yourself.",
	)
	add(ThemePassing,
		"This feeling is a wave. Waves rise, and then they fall.",
		"Your body knows how to settle. It has done it before.",
		"Strong feelings rarely last as long as they say they will.",
		"You have come through nights like this before.",
		"In an hour, this may feel different.",
		"Feelings tend to peak and then ease. You can wait for the ease.",
		"You don't have to act on a feeling for it to end.",
		"It is okay to feel this. You don't have to fight it.",
	)
	add(ThemeSelfTrust,
		"You can handle hard feelings. You are handling one now.",
		"You can calm yourself, a little at a time.",
		"You can choose what to do next, slowly.",
		"Your own kindness counts as comfort too.",
		"You can be the steady one for yourself.",
		"You know more about what you need than the fear does.",
		"Someone else's mood is theirs to carry.",
		"You can keep the promises you make to yourself.",
	)
	return out
}

// StatementByID returns the library statement with the given id.
func StatementByID(id string) (Statement, error) {
	return find(Statements(), func(s Statement) string { return s.ID }, id, "a statement")
}

// StatementsByTheme returns the statements of one theme, in library order.
func StatementsByTheme(theme string) ([]Statement, error) {
	if _, err := find(Themes(), func(t Theme) string { return t.ID }, theme, "a theme"); err != nil {
		return nil, err
	}
	var out []Statement
	for _, s := range Statements() {
		if s.Theme == theme {
			out = append(out, s)
		}
	}
	return out, nil
}

// ValidateStatement checks a reassurance statement a person writes for
// themselves: 1 to 280 characters once outer spaces are trimmed, in valid
// UTF-8, with line breaks allowed but no other control characters. Store
// strings.TrimSpace(text), the text that was checked.
func ValidateStatement(text string) error {
	t := strings.TrimSpace(text)
	n := utf8.RuneCountInString(t)
	switch {
	case !utf8.ValidString(t):
		return invalid(FieldText, "Some characters can't be read. Try typing them again.")
	case n == 0:
		return invalid(FieldText, "Write a few words first.")
	case n > MaxStatementRunes:
		return invalid(FieldText,
			fmt.Sprintf("Keep it to %d characters. This one has %d.", MaxStatementRunes, n))
	case hasControl(t, true):
		return invalid(FieldText, "Some characters can't be saved. Try typing the words again.")
	}
	return nil
}
