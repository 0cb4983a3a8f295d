package web

import (
	"net/http"
	"slices"

	"github.com/securebase/securebase"
)

// The frame's tabs (issue 12). A tab is one line here; a part of the app
// that is not built has no tab, never a placeholder. Name is the page's
// Nav value that marks the tab current.
//
// A phone's bottom bar has room for five thumbs: four tabs and "More".
// Which four depends on who the person is here for (Prefs.HereFor): the
// secure partner's track comes forward for someone here for a partner.
// Nothing is locked: every part stays one tap away under More, and a wider
// screen shows every tab in a row.
type tab struct {
	Name, Label, Path string
	About             string // one line for the More page
	Phone             bool   // on the phone's bottom bar; otherwise under More
	Current           bool   // this page belongs to the tab
}

// navMore is the Nav value of the More page, and the phone's fifth tab.
const navMore = "more"

// allTabs is every part of the app in the order a wider screen shows it.
func allTabs() []tab {
	return []tab{
		{Name: "today", Label: "Today", Path: "/today", About: "A quick check-in and today's small practices."},
		{Name: "body", Label: "Body", Path: "/body", About: "Breathing, grounding and other ways to settle your body."},
		{Name: "beliefs", Label: "Beliefs", Path: "/beliefs", About: "Look gently at old beliefs and practise kinder ones."},
		{Name: "behaviour", Label: "Behaviour", Path: "/behaviour", About: "Notice the urge, pause, and try a secure way instead."},
		{Name: partnerNav, Label: "Partner", Path: "/partner", About: "For the steady partner of someone with anxious attachment."},
		{Name: "insights", Label: "Insights", Path: "/insights", About: "What your own entries show over time."},
		{Name: "journal", Label: "Journal", Path: "/journal", About: "Everything you have saved, by day."},
		{Name: "learn", Label: "Learn", Path: "/learn", About: "Short lessons and common questions."},
		{Name: "settings", Label: "Settings", Path: "/settings", About: "Your account, your country, your data."},
	}
}

// phoneTabs names the four tabs on a phone's bottom bar, by who the person
// is here for.
func phoneTabs(hereFor string) map[string]bool {
	switch hereFor {
	case securebase.HerePartner:
		return map[string]bool{"today": true, partnerNav: true, "body": true, "learn": true}
	case securebase.HereBoth:
		return map[string]bool{"today": true, "body": true, "beliefs": true, partnerNav: true}
	}
	return map[string]bool{"today": true, "body": true, "beliefs": true, "behaviour": true}
}

// navView is the main navigation for one page.
type navView struct {
	Tabs []tab
	// MoreCurrent marks the phone's More tab: the page is More itself or
	// belongs to a tab that is not on the phone's bar.
	MoreCurrent bool
}

// tabsFor builds the navigation for a page whose Nav is current, for a
// person here for hereFor. On a partner-first home the Partner tab comes
// second in the row as well.
func tabsFor(current, hereFor string) navView {
	on := phoneTabs(hereFor)
	all := allTabs()
	if hereFor == securebase.HerePartner {
		// Partner moves up to second, after Today.
		i := slices.IndexFunc(all, func(t tab) bool { return t.Name == partnerNav })
		p := all[i]
		all = slices.Insert(slices.Delete(all, i, i+1), 1, p)
	}
	v := navView{MoreCurrent: current == navMore}
	for _, t := range all {
		t.Phone = on[t.Name]
		t.Current = t.Name == current
		if t.Current && !t.Phone {
			v.MoreCurrent = true
		}
		v.Tabs = append(v.Tabs, t)
	}
	return v
}

// navOf is the template function: the navigation for the page being
// rendered.
func navOf(p page) navView {
	hereFor := ""
	if p.User != nil {
		hereFor = p.User.Prefs.HereFor
	}
	return tabsFor(p.Nav, hereFor)
}

// more is the phone's fifth tab: every part of the app, the ones the
// bottom bar has no room for first, with help at the end.
func (s *Server) more(w http.ResponseWriter, r *http.Request) error {
	p := page{Title: "More", Nav: navMore}
	p.User = principal(r).User
	v := navOf(p)
	var rest, shown []tab
	for _, t := range v.Tabs {
		if t.Phone {
			shown = append(shown, t)
		} else {
			rest = append(rest, t)
		}
	}
	p.Data = struct{ Rest, Shown []tab }{rest, shown}
	s.render(w, r, http.StatusOK, "more", p)
	return nil
}
