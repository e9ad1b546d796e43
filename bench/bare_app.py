"""The yardstick: a bare Streamlit page drawing one plotly line chart from one sidebar number."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

calls = st.sidebar.number_input("Calls per day", min_value=0, value=10_000, step=100, key="calls")
days = np.arange(731)
st.metric("Cost on the last day", f"${calls * 0.004 * 730:,.0f}")
st.plotly_chart(go.Figure(go.Scatter(x=days, y=days * calls * 0.004, mode="lines")), width="stretch")
