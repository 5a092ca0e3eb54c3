package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/rooms"
)

func (s *Server) listRooms(c *gin.Context) {
	list, err := s.Rooms.List(c.Request.Context(), callerOf(c))
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]roomView, len(list))
	for i, r := range list {
		out[i] = viewRoom(s.Rooms, r)
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) createRoom(c *gin.Context) {
	var in rooms.Input
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	r, err := s.Rooms.Create(c.Request.Context(), callerOf(c), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, viewRoom(s.Rooms, r))
}

func (s *Server) getRoom(c *gin.Context) {
	r, err := s.Rooms.Get(c.Request.Context(), callerOf(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewRoom(s.Rooms, r))
}

func (s *Server) updateRoom(c *gin.Context) {
	var in rooms.Input
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	r, err := s.Rooms.Update(c.Request.Context(), callerOf(c), c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewRoom(s.Rooms, r))
}

func (s *Server) deleteRoom(c *gin.Context) {
	if err := s.Rooms.Delete(c.Request.Context(), callerOf(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *Server) rotateLinks(c *gin.Context) {
	r, err := s.Rooms.RotateLinks(c.Request.Context(), callerOf(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewRoom(s.Rooms, r))
}
