package web

import (
	"net/http"
	"strconv"
)

// One statement at a time (issue 12): the reassurance page opens on one
// statement, large, with Next and a star. Favourites come first, then the
// library in theme order. Next is a link (?at=), so it works without
// scripts; the star is the favourites form, which comes back here.

type oneStatement struct {
	One         statementView
	At, Next    int // positions in the deck, from 0
	Shown       int // At+1, for "3 of 40"
	Count       int
	HasStatment bool
}

// deal picks the statement at position at (wrapping) from the deck the
// page's favourites and themes make.
func (v *reassureView) deal(at int) {
	var deck []statementView
	seen := map[string]bool{}
	for _, f := range v.Favourites {
		if !seen[f.ID] {
			deck = append(deck, statementView{Statement: f.Statement, Favourite: true})
			seen[f.ID] = true
		}
	}
	for _, th := range v.Themes {
		for _, st := range th.Statements {
			if !seen[st.ID] {
				deck = append(deck, statementView{Statement: st.Statement, Favourite: st.Favourite})
				seen[st.ID] = true
			}
		}
	}
	n := len(deck)
	if n == 0 {
		return
	}
	at = ((at % n) + n) % n
	v.Deck = oneStatement{One: deck[at], At: at, Next: (at + 1) % n, Shown: at + 1, Count: n, HasStatment: true}
}

// deckAt reads ?at= (or the favourites form's at): a position in the deck.
func deckAt(r *http.Request, value string) int {
	if value == "" {
		value = r.URL.Query().Get("at")
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < 0 || n > 10000 {
		return 0
	}
	return n
}
