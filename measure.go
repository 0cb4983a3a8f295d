package securebase

// What the practice pages count across kinds. Today, the weekly look-back
// and Insights (E1–E3) read several kinds the same way: what happened, the
// urge and what became of it, how true a belief felt. Rather than knowing
// every payload, they ask for these small interfaces, and a kind that
// records such a thing implements the one that fits. A kind added later
// joins the numbers by implementing it; nothing else changes.

// UrgeOutcome is what became of an urge: surfed (noticed and not acted
// on), acted on, or none recorded.
type UrgeOutcome string

// The urge outcomes.
const (
	UrgeNone   UrgeOutcome = ""
	UrgeSurfed UrgeOutcome = "surfed"
	UrgeActed  UrgeOutcome = "acted"
)

// Triggered is a payload that names what happened (ids from the trigger
// vocabulary of package behaviour, e.g. "late-reply").
type Triggered interface {
	Payload
	Triggers() []string
}

// Urged is a payload that records an urge (an id from package behaviour's
// urges, "" when unnamed) and what became of it: the trigger log and a
// held message implement it, and urges surfed versus acted on are counted
// from them.
type Urged interface {
	Payload
	Urge() (id string, outcome UrgeOutcome)
}

// BeliefRated is a payload that rates how true a core belief feels (0–100):
// belief is a core-wound id from package belief, or the entry id of the
// person's own belief. ok is false when the payload holds no rating.
type BeliefRated interface {
	Payload
	BeliefRating() (belief string, rating int, ok bool)
}
