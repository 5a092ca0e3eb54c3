package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/core"
)

// statusOf is the one place where error codes become HTTP status codes.
func statusOf(code string) int {
	switch code {
	case core.EInvalid:
		return http.StatusBadRequest
	case core.EUnauthorized:
		return http.StatusUnauthorized
	case core.EForbidden, core.ERegistrationClosed:
		return http.StatusForbidden
	case core.ENotFound:
		return http.StatusNotFound
	case core.EConflict:
		return http.StatusConflict
	case core.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case core.ERateLimited:
		return http.StatusTooManyRequests
	case core.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError answers with the error shape of the contract. Internal details
// go to the log, never to the client.
func writeError(c *gin.Context, err error) {
	code := core.ErrorCode(err)
	status := statusOf(code)
	if status >= 500 {
		slog.Error("request failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
	}
	body := errorBody{Error: errorDetail{Code: code, Message: core.ErrorMessage(err)}}
	if ce, ok := err.(*core.Error); ok && len(ce.Fields) > 0 {
		body.Error.Fields = ce.Fields
	}
	c.AbortWithStatusJSON(status, body)
}
