package safety

import "slices"

// heldOutSets names the journal sets of safety/testdata held out for the
// coming round: no trainer reads them, the golden file does not hold them
// (TestHeldOutUnread), and crisis-eval -lines leaves them out, so that the
// round is judged on writing the check has never seen (docs/safety.md,
// "Changing the rules", step 5). When a set has been run once for its
// round, it moves from here to the lists of development sets.
var heldOutSets = []string{}

// HeldOutSets returns the file names of the journal sets held out for the
// coming round, in a fresh slice.
func HeldOutSets() []string { return slices.Clone(heldOutSets) }
