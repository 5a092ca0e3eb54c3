package httpapi

import (
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/core"
	"switchboard/backend/internal/rooms"
)

func (s *Server) publicRoom(c *gin.Context) {
	p, err := s.Rooms.PublicBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) publicModerator(c *gin.Context) {
	p, err := s.Rooms.PublicByModeratorKey(c.Request.Context(), c.Param("key"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *Server) join(c *gin.Context) {
	var in rooms.JoinInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	res, err := s.doJoin(c, in)
	if err != nil {
		writeError(c, err)
		return
	}
	if res.Waiting {
		c.JSON(http.StatusAccepted, gin.H{"status": "waiting", "message": "The meeting has not started yet. You will join as soon as a moderator starts it."})
		return
	}
	c.JSON(http.StatusOK, gin.H{"join_url": res.JoinURL, "role": res.Role})
}

// doJoin joins and counts the outcome for /metrics.
func (s *Server) doJoin(c *gin.Context, in rooms.JoinInput) (*rooms.JoinResult, error) {
	role := rooms.RoleViewer
	if in.ModeratorKey != "" {
		role = rooms.RoleModerator
	}
	res, err := s.Rooms.Join(c.Request.Context(), callerOf(c), in)
	result := "ok"
	switch {
	case err != nil:
		result = core.ErrorCode(err)
	case res.Waiting:
		result = "waiting"
	default:
		role = res.Role
	}
	s.Metrics.Joins.WithLabelValues(role, result).Inc()
	return res, err
}

func (s *Server) joinAttendeeRedirect(c *gin.Context) {
	s.joinRedirect(c, rooms.JoinInput{Slug: c.Param("slug"), Name: c.Query("name")})
}

func (s *Server) joinModeratorRedirect(c *gin.Context) {
	s.joinRedirect(c, rooms.JoinInput{ModeratorKey: c.Param("key"), Name: c.Query("name")})
}

// joinRedirect is the no-JS join: a 302 to the node, or a plain HTML page
// explaining what is wrong (people, not programs, follow these links).
func (s *Server) joinRedirect(c *gin.Context, in rooms.JoinInput) {
	res, err := s.doJoin(c, in)
	switch {
	case err != nil:
		msg := core.ErrorMessage(err)
		if core.ErrorCode(err) == core.EInvalid {
			msg = "Add your name to the link, like ?name=Ada+Lovelace."
		}
		joinPage(c, statusOf(core.ErrorCode(err)), msg, false)
	case res.Waiting:
		joinPage(c, http.StatusAccepted, "The meeting has not started yet. This page reloads every 10 seconds and joins as soon as a moderator starts it.", true)
	default:
		c.Redirect(http.StatusFound, res.JoinURL)
	}
}

var joinPageTmpl = template.Must(template.New("join").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{{if .Refresh}}<meta http-equiv="refresh" content="10">{{end}}<title>Switchboard</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>Switchboard</h1><p>{{.Message}}</p></body></html>`))

func joinPage(c *gin.Context, status int, msg string, refresh bool) {
	c.Status(status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	_ = joinPageTmpl.Execute(c.Writer, struct {
		Message string
		Refresh bool
	}{msg, refresh})
	c.Abort()
}
