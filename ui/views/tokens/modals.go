package tokens

// Modal ids on the shell's stack.
const (
	confirmID  = "tokens.confirm"
	progressID = "tokens.progress"
	createID   = "tokens.create"
	secretID   = "tokens.secret"
)
