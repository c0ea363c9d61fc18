/**
 * The demo data: the questions from the essay the product comes from ("Offering Time to The Team",
 * 2015), as a handful of 1:1s in the months before it was written, tagged the way the essay groups
 * them ("Some were quite predictable… Some were tougher…").
 */
export interface DemoMeeting {
  heldOn: string;
  questions: { text: string; categories: string[] }[];
}

export const essayMeetings: DemoMeeting[] = [
  {
    heldOn: '2015-04-07',
    questions: [
      { text: 'How did you come to the company?', categories: ['predictable', 'leadership'] },
      { text: 'What did you do before?', categories: ['predictable', 'leadership'] },
      {
        text: 'I am getting very little guidance from my manager, how can I make progress?',
        categories: ['tough', 'management', 'career'],
      },
    ],
  },
  {
    heldOn: '2015-04-22',
    questions: [
      { text: 'Why are you still here?', categories: ['predictable', 'leadership'] },
      {
        text: 'What is the most exciting project on your team right now?',
        categories: ['predictable', 'projects'],
      },
      {
        text: 'My career path is unclear, what is my opportunity at Artsy?',
        categories: ['tough', 'career'],
      },
    ],
  },
  {
    heldOn: '2015-05-12',
    questions: [
      { text: 'What is your art background?', categories: ['predictable', 'leadership'] },
      { text: 'Who is your favorite artist?', categories: ['predictable', 'leadership'] },
      {
        text: 'I have been rapidly promoted to a team lead, but have no idea what I am doing. Can I get help from you?',
        categories: ['tough', 'management', 'career'],
      },
    ],
  },
  {
    heldOn: '2015-05-27',
    questions: [
      {
        text: 'What do you think are the biggest issues in our organization?',
        categories: ['predictable', 'organization'],
      },
      {
        text: "It's difficult to understand how priorities are set, how is the executive team fixing it?",
        categories: ['tough', 'priorities'],
      },
    ],
  },
  {
    heldOn: '2015-06-09',
    questions: [
      {
        text: 'What is the most interesting project in the company?',
        categories: ['predictable', 'projects'],
      },
      {
        text: "Artsy's mission speaks to all citizens of the world, but we're spending a massive amount of resources catering to the 1%. Am I being naive to believe in a grander mission?",
        categories: ['tough', 'mission', 'strategy'],
      },
    ],
  },
  {
    heldOn: '2015-06-23',
    questions: [
      {
        text: 'What do you see as the biggest issues in the engineering organization?',
        categories: ['predictable', 'organization'],
      },
      {
        text: 'I am not satisfied with the diversity discussion during the last all hands, what does your team do about it?',
        categories: ['tough', 'diversity'],
      },
    ],
  },
  {
    heldOn: '2015-07-08',
    questions: [
      {
        text: 'Where do you see the company in five years?',
        categories: ['predictable', 'strategy'],
      },
      {
        text: 'What is your personal position on the issues of diversity that have been discussed at the last all hands?',
        categories: ['tough', 'diversity', 'leadership'],
      },
    ],
  },
];
