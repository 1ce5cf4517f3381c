from styrdata.cli import app

app()
