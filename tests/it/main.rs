mod content;
