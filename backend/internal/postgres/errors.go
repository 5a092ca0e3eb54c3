package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"switchboard/backend/internal/core"
)

// mapErr turns driver errors into core errors: missing rows → ENotFound,
// unique violations → EConflict, connection trouble → EUnavailable.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, sql.ErrNoRows) {
		return core.Wrap(core.ENotFound, "Not found.", err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return core.Wrap(core.EUnavailable, "The database did not answer in time.", err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return core.Wrap(core.EConflict, conflictMessage(pe.ConstraintName), err)
		case pe.Code == "23503":
			return core.Wrap(core.ENotFound, "A referenced record does not exist.", err)
		case pe.Code == "23514" || pe.Code == "22P02" || pe.Code == "22001":
			return core.Wrap(core.EInvalid, "A value is not valid.", err)
		case strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P03" || pe.Code == "53300":
			return core.Wrap(core.EUnavailable, "The database is unavailable. Try again shortly.", err)
		}
		return core.Wrap(core.EInternal, "Internal error.", err)
	}
	var connErr *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "conn closed") {
		return core.Wrap(core.EUnavailable, "The database is unavailable. Try again shortly.", err)
	}
	return core.Wrap(core.EInternal, "Internal error.", err)
}

func conflictMessage(constraint string) string {
	switch constraint {
	case "users_email_key":
		return "An account with this email already exists."
	case "nodes_name_key":
		return "A node with this name already exists."
	case "nodes_api_url_key":
		return "A node with this API URL already exists."
	case "rooms_slug_key", "rooms_moderator_key_key":
		return "A room link collided; try again."
	}
	return "This already exists."
}

// conflictField names the JSON field a unique violation is about, if any.
func conflictField(err error) (string, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23505" {
		return "", false
	}
	switch pe.ConstraintName {
	case "users_email_key":
		return "email", true
	case "nodes_name_key":
		return "name", true
	case "nodes_api_url_key":
		return "api_url", true
	}
	return "", false
}

// mapConflict is mapErr that also names the field of a unique violation.
func mapConflict(err error) error {
	mapped := mapErr(err)
	if f, ok := conflictField(err); ok {
		var ce *core.Error
		if errors.As(mapped, &ce) {
			ce.Fields = map[string]string{f: ce.Message}
		}
	}
	return mapped
}
