// Package core holds Switchboard's domain types, the one error type, and the
// interfaces that the storage and BBB packages implement. It imports nothing
// from the rest of the project so every other package can depend on it.
package core

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps each to exactly one status code.
const (
	EInvalid            = "invalid"             // 400, with Fields naming what is wrong
	EUnauthorized       = "unauthorized"        // 401
	EForbidden          = "forbidden"           // 403
	ERegistrationClosed = "registration_closed" // 403
	ENotFound           = "not_found"           // 404
	EConflict           = "conflict"            // 409
	ETooLarge           = "too_large"           // 413
	ERateLimited        = "rate_limited"        // 429
	EUnavailable        = "unavailable"         // 503: database down, cluster full
	EInternal           = "internal"            // 500
)

// Error is the one error type that crosses package boundaries. Message is
// safe to show to people; internal details stay in wrapped errors and logs.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	Err     error // cause, for logs only
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted, person-readable message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches a cause to a coded error.
func Wrap(code, message string, err error) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// ErrorCode returns the code of err, EInternal for foreign errors, "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the person-readable message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// FieldErrors collects validation problems keyed by JSON field name.
type FieldErrors map[string]string

// Add records the first problem seen for a field.
func (f FieldErrors) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns an EInvalid error listing the fields, or nil when there are none.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "Some fields are not valid.", Fields: f}
}
