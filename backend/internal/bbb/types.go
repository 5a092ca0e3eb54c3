package bbb

import "net/url"

// Server is one BBB node as the client sees it.
type Server struct {
	APIURL    string // ends in /bigbluebutton/api
	Secret    string
	Algorithm Algorithm // "" = SHA-256
}

type CreateParams struct {
	MeetingID, Name, Welcome, GuestPolicy, LogoutURL string
	MaxParticipants                                  int
	MuteOnStart, Record                              bool
	Meta                                             map[string]string // sent as meta_<key>
	Extra                                            url.Values        // any other create parameter; wins over the above
}

type JoinParams struct {
	MeetingID, FullName, Role, UserID string // Role "MODERATOR" | "VIEWER"
	Redirect                          *bool  // nil = true
	Extra                             url.Values
}

type CreateResponse struct {
	MeetingID, InternalMeetingID, ParentMeetingID, AttendeePW, ModeratorPW string
	CreateTime                                                             int64
	VoiceBridge, DialNumber, CreateDate                                    string
	HasUserJoined                                                          bool
	Duration                                                               int
	HasBeenForciblyEnded                                                   bool
	MessageKey, Message                                                    string // duplicateWarning on a repeat create
}

type Meeting struct {
	MeetingName, MeetingID, InternalMeetingID                                                    string
	CreateTime                                                                                   int64
	CreateDate, VoiceBridge, DialNumber, AttendeePW, ModeratorPW                                 string
	Running                                                                                      bool
	Duration                                                                                     int
	HasUserJoined, Recording, HasBeenForciblyEnded                                               bool
	StartTime, EndTime                                                                           int64
	ParticipantCount, ListenerCount, VoiceParticipantCount, VideoCount, MaxUsers, ModeratorCount int
	Attendees                                                                                    []Attendee
	Metadata                                                                                     map[string]string
	IsBreakout                                                                                   bool
	ParentMeetingID                                                                              string
	Sequence                                                                                     int
	FreeJoin                                                                                     bool
}

type Attendee struct {
	UserID, FullName, Role                                 string
	IsPresenter, IsListeningOnly, HasJoinedVoice, HasVideo bool
	ClientType                                             string
}

type Recording struct {
	RecordID, MeetingID, InternalMeetingID, Name string
	Published                                    bool
	State                                        string
	StartTime, EndTime                           int64
	Participants                                 int
	Metadata                                     map[string]string
}

// ToXML converts a Meeting to its wire form (breakout fields only for breakout rooms, as BBB does).
func (m Meeting) ToXML() MeetingXML {
	x := MeetingXML{
		MeetingName: m.MeetingName, MeetingID: m.MeetingID, InternalMeetingID: m.InternalMeetingID,
		CreateTime: m.CreateTime, CreateDate: m.CreateDate, VoiceBridge: m.VoiceBridge, DialNumber: m.DialNumber,
		AttendeePW: m.AttendeePW, ModeratorPW: m.ModeratorPW, Running: m.Running, Duration: m.Duration,
		HasUserJoined: m.HasUserJoined, Recording: m.Recording, HasBeenForciblyEnded: m.HasBeenForciblyEnded,
		StartTime: m.StartTime, EndTime: m.EndTime, ParticipantCount: m.ParticipantCount,
		ListenerCount: m.ListenerCount, VoiceParticipantCount: m.VoiceParticipantCount, VideoCount: m.VideoCount,
		MaxUsers: m.MaxUsers, ModeratorCount: m.ModeratorCount, Metadata: MetadataXML(m.Metadata),
		IsBreakout: m.IsBreakout,
	}
	x.Attendees.Attendee = make([]AttendeeXML, len(m.Attendees))
	for i, a := range m.Attendees {
		x.Attendees.Attendee[i] = AttendeeXML{UserID: a.UserID, FullName: a.FullName, Role: a.Role,
			IsPresenter: a.IsPresenter, IsListeningOnly: a.IsListeningOnly, HasJoinedVoice: a.HasJoinedVoice,
			HasVideo: a.HasVideo, ClientType: a.ClientType}
	}
	if m.IsBreakout {
		seq, free := m.Sequence, m.FreeJoin
		x.ParentMeetingID, x.Sequence, x.FreeJoin = m.ParentMeetingID, &seq, &free
	}
	return x
}

// Meeting converts the wire form back.
func (x MeetingXML) Meeting() Meeting {
	m := Meeting{
		MeetingName: x.MeetingName, MeetingID: x.MeetingID, InternalMeetingID: x.InternalMeetingID,
		CreateTime: x.CreateTime, CreateDate: x.CreateDate, VoiceBridge: x.VoiceBridge, DialNumber: x.DialNumber,
		AttendeePW: x.AttendeePW, ModeratorPW: x.ModeratorPW, Running: x.Running, Duration: x.Duration,
		HasUserJoined: x.HasUserJoined, Recording: x.Recording, HasBeenForciblyEnded: x.HasBeenForciblyEnded,
		StartTime: x.StartTime, EndTime: x.EndTime, ParticipantCount: x.ParticipantCount,
		ListenerCount: x.ListenerCount, VoiceParticipantCount: x.VoiceParticipantCount, VideoCount: x.VideoCount,
		MaxUsers: x.MaxUsers, ModeratorCount: x.ModeratorCount, Metadata: map[string]string(x.Metadata),
		IsBreakout: x.IsBreakout, ParentMeetingID: x.ParentMeetingID,
	}
	if x.Sequence != nil {
		m.Sequence = *x.Sequence
	}
	if x.FreeJoin != nil {
		m.FreeJoin = *x.FreeJoin
	}
	for _, a := range x.Attendees.Attendee {
		m.Attendees = append(m.Attendees, Attendee{UserID: a.UserID, FullName: a.FullName, Role: a.Role,
			IsPresenter: a.IsPresenter, IsListeningOnly: a.IsListeningOnly, HasJoinedVoice: a.HasJoinedVoice,
			HasVideo: a.HasVideo, ClientType: a.ClientType})
	}
	return m
}

// Recording converts a getRecordings entry.
func (x RecordingXML) Recording() Recording {
	return Recording{RecordID: x.RecordID, MeetingID: x.MeetingID, InternalMeetingID: x.InternalMeetingID,
		Name: x.Name, Published: x.Published, State: x.State, StartTime: x.StartTime, EndTime: x.EndTime,
		Participants: x.Participants, Metadata: map[string]string(x.Metadata)}
}

func (x CreateResponseXML) response() *CreateResponse {
	return &CreateResponse{MeetingID: x.MeetingID, InternalMeetingID: x.InternalMeetingID,
		ParentMeetingID: x.ParentMeetingID, AttendeePW: x.AttendeePW, ModeratorPW: x.ModeratorPW,
		CreateTime: x.CreateTime, VoiceBridge: x.VoiceBridge, DialNumber: x.DialNumber, CreateDate: x.CreateDate,
		HasUserJoined: x.HasUserJoined, Duration: x.Duration, HasBeenForciblyEnded: x.HasBeenForciblyEnded,
		MessageKey: x.MessageKey, Message: x.Message}
}
