package web

// The frame's tabs (issue 12). A tab is one line here; a part of the app
// that is not built has no tab, never a placeholder. Name is the page's
// Nav value that marks the tab current.
type tab struct {
	Name, Label, Path string
}

// tabs is the main navigation, in order: the bottom tab bar on a phone,
// the row under the header on a wider screen.
func tabs() []tab {
	return []tab{
		{"today", "Today", "/today"},
		{"body", "Body", "/body"},
		{"journal", "Journal", "/journal"},
		{"learn", "Learn", "/learn"},
		{"settings", "Settings", "/settings"},
	}
}
