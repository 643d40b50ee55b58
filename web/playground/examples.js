// Examples for the playground (copies of examples/drafts/): a rude draft, the kind rewrite of it,
// and a plain reply to a stressed client.
export const examples = [
  {
    "id": "rude",
    "label": "A rude draft",
    "reply": "Hi Professor Okafor,\n\nAs I already explained on Friday, the projector in Hale 204 is working fine. We tested it twice\nafter your lecture and it picked up the signal from our loaner laptop straight away.\n\nWhat happened in your class was user error. The display settings on your laptop were set to\n\"Second screen only\", which you must have changed at some point. Any competent user would know to\npress Windows+P and pick \"Duplicate\" before the students arrive.\n\nPlease calm down. Sending an email to the department chair about a projector is not going to make\nit work any faster. If it happens again, check the settings first before calling the help desk.\n\nRegards,\nTrevor Haines\nClassroom Technology Services\n\n-- \nTrevor Haines | Classroom Technology Services | ext. 4417\n",
    "client": "",
    "format": "text"
  },
  {
    "id": "kind",
    "label": "A kind draft",
    "reply": "Hi Professor Okafor,\n\nI'm so sorry the projector let you down in front of your 10 o'clock class. I bet that was a real\nstressball of a morning, with a full room waiting and the screen staying blank. There's no way you\ncould have known this was coming: Thursday night's update changed how your laptop handles a second\nscreen, and it did the same thing to several other lecturers this week.\n\nHere is what happened, in plain words. After the update, your laptop started sending the picture\nto its own screen only, so the projector had nothing to show. I've changed it back remotely, and\nI've switched off that part of the update so it can't flip again on its own.\n\nFor next week I'd like to make it as safe as possible for you:\n\n  1. I'll be in Hale 204 ten minutes before your Tuesday lecture to check everything with you.\n  2. If the screen ever goes blank again, pressing Windows+P and choosing \"Duplicate\" brings the\n     picture back. I've taped a small card with that on the lectern too.\n  3. Our classroom line (ext. 4417) is answered by a person during teaching hours, and we can be\n     in your room within five minutes.\n\nIf there's anything else about the room or the laptop that worries you, please write or call me\ndirectly. I'm glad to help.\n\nWarm regards,\nTrevor Haines\nClassroom Technology Services\n\n-- \nTrevor Haines | Classroom Technology Services | ext. 4417\n",
    "client": "",
    "format": "text"
  },
  {
    "id": "stressed",
    "label": "A stressed client",
    "client": "The projector in Hale 204 died in front of 140 students!!! Third time this term. I need this fixed before Thursday.",
    "reply": "Hi Professor Okafor,\n\nThe input was set to HDMI 2; I switched it back and it works now.\n\nBest,\nSam\n",
    "format": "text"
  }
];
