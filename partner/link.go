package partner

// Words for linking and unlinking (F7). The design they describe is in
// docs/partner-safety.md; each sentence here is a promise the pages keep.
const (
	// LinkIntro explains what linking shares, and what it never shares.
	LinkIntro = "Linking lets the two of you send short signals from a set list. " +
		"Nothing else is shared: not your writing, not your check-ins, not where you are."
	// LinkChoice is shown before a code is made or entered.
	LinkChoice = "Linking is your choice, now and later. Either of you can unlink at any time, alone, and it happens at once."
	// LinkPressure is shown on every linking screen, next to a link to
	// SafetyPath.
	LinkPressure = "If someone is pushing you to link, or to send signals, that matters. The relationship safety page can help."
	// DeclineNote tells the person given a code that saying no is quiet.
	DeclineNote = "If you'd rather not link, let the code run out. The other person sees only that it was not used."
	// NoReceipts says what a partner can never see.
	NoReceipts = "Your partner can't see when you read a signal, when you were last here, or what you do here."
	// UnlinkNote is shown on the unlink button's screen.
	UnlinkNote = "Unlinking ends the link at once, and the signals between you are deleted. Your partner is not told how or why."
)
