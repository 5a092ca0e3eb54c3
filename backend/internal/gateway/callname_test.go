package gateway

import "testing"

func TestCallName(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"/bigbluebutton/api":              "",
		"/bigbluebutton/api/":             "",
		"/bigbluebutton/api/create":       "create",
		"/bigbluebutton/api/getMeetings/": "getMeetings",
		"/bigbluebutton/api/hooks/create": "hooks/create",
		"/prefix/bigbluebutton/api/join":  "join",
	} {
		call, root := callName(path)
		if call != want || root != (want == "") {
			t.Errorf("callName(%q) = %q, %v; want %q", path, call, root, want)
		}
	}
}

func TestDecodeItemsKeepsUnknownFields(t *testing.T) {
	t.Parallel()
	data := []byte("<response>\n<returncode>SUCCESS</returncode>\n<meetings>\n<meeting><meetingID>a&amp;b</meetingID><newField>x</newField><metadata><meeting>nested</meeting></metadata></meeting>\n<meeting><meetingID>c</meetingID></meeting>\n</meetings>\n</response>")
	items, err := decodeItems(data, "meetings", "meeting")
	if err != nil || len(items) != 2 || items[0].MeetingID != "a&b" {
		t.Fatalf("items %+v, %v", items, err)
	}
	out := string(mergedList("meetings", "meeting", items, "noMeetings", "none"))
	want := "<response>\n<returncode>SUCCESS</returncode>\n<meetings>\n<meeting><meetingID>a&amp;b</meetingID><newField>x</newField><metadata><meeting>nested</meeting></metadata></meeting>\n<meeting><meetingID>c</meetingID></meeting>\n</meetings>\n</response>\n"
	if out != want {
		t.Fatalf("merged:\n%s", out)
	}
	empty := string(mergedList("meetings", "meeting", nil, "noMeetings", "no meetings were found on this server"))
	if empty != "<response>\n<returncode>SUCCESS</returncode>\n<meetings/>\n<messageKey>noMeetings</messageKey>\n<message>no meetings were found on this server</message>\n</response>\n" {
		t.Fatalf("empty:\n%s", empty)
	}
}
