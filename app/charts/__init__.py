"""pyqtgraph chart widgets that draw plain series and never see the database."""
