/* test stand-in for the hashed widget bundle (gateway-service tests only) */
window.SwitchboardWidgetTest = true;
