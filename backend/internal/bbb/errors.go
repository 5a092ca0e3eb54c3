package bbb

import (
	"errors"
	"fmt"
)

// Checksum failures, with the messages bbb-web answers for them.
var (
	ErrChecksumMissing  = errors.New("You must provide the checksum")
	ErrChecksumMismatch = errors.New("Checksums do not match")
)

// Message keys the project reacts to.
const (
	KeyChecksumError    = "checksumError"
	KeyNotFound         = "notFound"
	KeyValidationError  = "validationError"
	KeyIDNotUnique      = "idNotUnique"
	KeyDuplicateWarning = "duplicateWarning"
	KeyNoMeetings       = "noMeetings"
)

// Error is a FAILED answer from a BBB node.
type Error struct {
	MessageKey string
	Message    string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return "bbb: " + e.MessageKey
	}
	return fmt.Sprintf("bbb: %s: %s", e.MessageKey, e.Message)
}

// IsMessageKey reports whether err is a FAILED answer with the given messageKey.
func IsMessageKey(err error, key string) bool {
	var be *Error
	return errors.As(err, &be) && be.MessageKey == key
}

// IsNotFound reports whether err is BBB's notFound answer (unknown meeting).
func IsNotFound(err error) bool { return IsMessageKey(err, KeyNotFound) }
