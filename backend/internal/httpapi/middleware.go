package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/core"
)

const userKey = "switchboard.user"

// recoverJSON turns a panic into the contract's 500 answer, never a stack trace.
func recoverJSON() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, rec any) {
		slog.Error("panic in handler", "path", c.Request.URL.Path, "panic", rec)
		writeError(c, core.Errorf(core.EInternal, "Internal error."))
	})
}

// observe records request latency by route pattern (not raw path, so IDs
// do not explode the label set).
func (s *Server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		s.Metrics.HTTPDuration.WithLabelValues(c.Request.Method, route, strconv.Itoa(c.Writer.Status())).
			Observe(time.Since(start).Seconds())
	}
}

// limitBody bounds request bodies; decoding past the limit yields 413.
func limitBody(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// bindJSON decodes the body into v with clear errors for bad JSON and bodies
// that are too large.
func bindJSON(c *gin.Context, v any) error {
	if err := c.ShouldBindJSON(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return core.Errorf(core.ETooLarge, "The request body is too large (limit %d bytes).", tooBig.Limit)
		}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return &core.Error{Code: core.EInvalid, Message: "Some fields are not valid.",
				Fields: map[string]string{typeErr.Field: "must be a " + jsonKind(typeErr.Type.Kind().String())}}
		}
		if errors.Is(err, io.EOF) {
			return core.Errorf(core.EInvalid, "The request body must be a JSON object.")
		}
		return core.Errorf(core.EInvalid, "The request body is not valid JSON: %s", shorten(err.Error()))
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "number"
	case "bool":
		return "boolean (true or false)"
	case "string":
		return "string"
	case "ptr":
		return "value of the right type"
	}
	return goKind
}

func shorten(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}

// authenticate loads the caller from the bearer token, if any. A token that
// is present but bad is refused even on routes that allow anonymous callers,
// so clients learn their session ended.
func (s *Server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		if h == "" {
			c.Next()
			return
		}
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || token == "" {
			writeError(c, core.Errorf(core.EUnauthorized, "Use an Authorization: Bearer <token> header."))
			return
		}
		u, err := s.Accounts.Authenticate(c.Request.Context(), token)
		if err != nil {
			writeError(c, err)
			return
		}
		c.Set(userKey, u)
		c.Next()
	}
}

// requireUser refuses anonymous callers.
func requireUser(c *gin.Context) {
	if callerOf(c) == nil {
		writeError(c, core.Errorf(core.EUnauthorized, "Please sign in."))
		return
	}
	c.Next()
}

// requireAdmin refuses callers that are not admins.
func requireAdmin(c *gin.Context) {
	u := callerOf(c)
	if u == nil {
		writeError(c, core.Errorf(core.EUnauthorized, "Please sign in."))
		return
	}
	if !u.IsAdmin() {
		writeError(c, core.Errorf(core.EForbidden, "Only administrators may do this."))
		return
	}
	c.Next()
}

func callerOf(c *gin.Context) *core.User {
	if v, ok := c.Get(userKey); ok {
		return v.(*core.User)
	}
	return nil
}
