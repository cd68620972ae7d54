"""One screen per module: chat, quiz, policy lab, progress, help."""
